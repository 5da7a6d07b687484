package io.synod.core.sim;

import io.synod.core.check.CasRegisterModel;
import io.synod.core.check.CounterModel;
import io.synod.core.check.FencedLockModel;
import io.synod.core.check.Operation;

import java.util.ArrayList;
import java.util.List;

/** Every client operation of one run, per model, as the linearizability checker wants them. */
public final class SimHistory {

    final List<Operation<CasRegisterModel.Input, CasRegisterModel.Output>> registers = new ArrayList<>();
    final List<Operation<FencedLockModel.Input, FencedLockModel.Output>> locks = new ArrayList<>();
    final List<Operation<CounterModel.Input, Long>> counters = new ArrayList<>();
    int completed;
    int unknown;
    int abandoned;

    int size() {
        return registers.size() + locks.size() + counters.size();
    }
}
