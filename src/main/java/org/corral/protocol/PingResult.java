package org.corral.protocol;

/** The answer to {@link Op#PING}: the backend's clock (ISO-8601 UTC) and pid. */
public record PingResult(String time, long backendPid) {}
