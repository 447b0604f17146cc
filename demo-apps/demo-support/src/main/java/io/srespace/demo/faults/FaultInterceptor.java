package io.srespace.demo.faults;

import io.srespace.demo.release.Release;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.List;

/**
 * Lets every active request fault, then the running release's own code paths, act before a {@link
 * Faulty} endpoint runs, on its thread.
 */
@Faulty
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class FaultInterceptor {
  private final List<RequestFault> faults;
  private final Release release;

  public FaultInterceptor(@Any Instance<RequestFault> faults, Release release) {
    this.faults = faults.stream().toList();
    this.release = release;
  }

  @AroundInvoke
  Object applyFaults(InvocationContext invocation) throws Exception {
    for (RequestFault fault : faults) {
      fault.beforeRequest();
    }
    Object[] parameters = invocation.getParameters();
    release.beforeRequest(parameters.length == 0 ? null : parameters[0]);
    return invocation.proceed();
  }
}
