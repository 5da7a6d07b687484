package io.synod.admin.monitor;

/** A member's latest report as this node holds it, and how long ago (on this node's clock) it last changed. */
public record ReceivedReport(MemberReport report, long ageMillis) {
}
