/**
 * The replicated task scheduler: tasks with priorities, not-before times, optional cron recurrence, retries with
 * exponential backoff and a dead-letter state, placed by the state machine itself on the least-loaded live member
 * that runs their handler.
 *
 * <p>Everything time-related is leader time from the log and every attempt is fenced by an attempt token (the log
 * index of the entry that assigned it), so skewed member clocks can neither fire a task early nor make it count
 * twice. {@link io.synod.core.statemachine.scheduler.SchedulerStore} is the typed state,
 * {@link io.synod.core.statemachine.scheduler.SchedulerStateMachine} puts it behind the byte-level SPI,
 * {@link io.synod.core.statemachine.scheduler.SchedulerValidator} enforces
 * {@link io.synod.core.statemachine.scheduler.SchedulerLimits} before proposal and again on apply, and
 * {@link io.synod.core.statemachine.scheduler.SchedulerView} is the read side for the shell and the console.
 */
package io.synod.core.statemachine.scheduler;
