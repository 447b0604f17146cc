package io.srespace.demo.user.faults;

import io.srespace.demo.faults.RequestFault;
import io.srespace.demo.faults.SwitchedFault;
import io.srespace.events.Fault;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ServiceUnavailableException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * user-service goes down while its process stays: every request is refused with 503 and liveness
 * reports DOWN, so quote-service's calls fail until user-service is restarted.
 */
@Singleton
@Liveness
public class DependencyDownFault extends SwitchedFault implements RequestFault, HealthCheck {

  @Override
  public Fault fault() {
    return Fault.DEPENDENCY_DOWN;
  }

  @Override
  public String symptom() {
    return "user-service refuses every request with 503 and reports not live; quote-service errors";
  }

  @Override
  public void beforeRequest() {
    if (isOn()) {
      throw new ServiceUnavailableException("user-service is down (dependency-down fault)");
    }
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("user-service").status(!isOn()).build();
  }
}
