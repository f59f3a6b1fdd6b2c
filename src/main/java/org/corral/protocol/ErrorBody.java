package org.corral.protocol;

/** The "error" of a response: a code for programs, a sentence for people. */
public record ErrorBody(ErrorCode code, String message) {}
