/**
 * The versioned binary wire format shared by everything Synod writes into the log, snapshots and frames.
 *
 * <p>{@link io.synod.core.codec.WireWriter} and {@link io.synod.core.codec.WireReader} are the only two
 * primitives: big-endian fixed-width integers, length-prefixed byte strings and strict UTF-8 strings. Every
 * format starts with a version byte ({@link io.synod.core.codec.WireReader#expectVersion}) and is read with an
 * explicit upper bound for every length, so a hostile or torn input ends in a
 * {@link io.synod.core.codec.CodecException}, never in an out-of-memory error or an unchecked crash.
 *
 * <p>The concrete formats live next to the types they encode (for example
 * {@code io.synod.core.statemachine.EnvelopeCodec}, {@code io.synod.core.statemachine.kv.KvCommandCodec},
 * {@code io.synod.core.raft.RaftMessageCodec}), which keeps this package free of any dependency on the state
 * machines and engines and the package graph acyclic. The one thing it knows of consensus is the SPI's
 * {@code Message} and {@code NodeId}: {@link io.synod.core.codec.MessageCodec} is the envelope every engine's
 * message family ({@link io.synod.core.codec.MessageFamilyCodec}) plugs into by a range of type tags.
 */
package io.synod.core.codec;
