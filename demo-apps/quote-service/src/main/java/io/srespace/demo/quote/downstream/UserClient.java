package io.srespace.demo.quote.downstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** user-service over HTTP; the trace context travels with each call. */
@RegisterRestClient(configKey = "user-service")
@Path("/users")
public interface UserClient {
  @GET
  @Path("/{customerId}")
  CustomerProfile profile(@PathParam("customerId") String customerId);
}
