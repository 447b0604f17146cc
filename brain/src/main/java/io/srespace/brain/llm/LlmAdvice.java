package io.srespace.brain.llm;

/**
 * What the language model said about a diagnosis: which of the core's top suspects it would put
 * first and why, and a narrative for people. Brain decides whether to use it.
 */
public record LlmAdvice(String pick, String reason, String narrative, int tokens) {}
