package io.srespace.demo.faults;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.List;

/** Lets every active request fault act before a {@link Faulty} endpoint runs, on its thread. */
@Faulty
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class FaultInterceptor {
  private final List<RequestFault> faults;

  public FaultInterceptor(@Any Instance<RequestFault> faults) {
    this.faults = faults.stream().toList();
  }

  @AroundInvoke
  Object applyFaults(InvocationContext invocation) throws Exception {
    for (RequestFault fault : faults) {
      fault.beforeRequest();
    }
    return invocation.proceed();
  }
}
