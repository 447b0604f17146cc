package io.srespace.events;

/**
 * What changed in what a service runs, on {@code deployments}: written by Fixer when it redeploys a
 * merged change and by whoever deploys by hand (the chaos tool's bad releases), read by Brain.
 */
public sealed interface DeploymentEvent extends EventPayload permits DeploymentChanged {}
