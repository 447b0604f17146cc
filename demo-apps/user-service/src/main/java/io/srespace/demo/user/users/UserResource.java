package io.srespace.demo.user.users;

import io.srespace.demo.faults.Faulty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Customer profiles, read by quote-service for every quote. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Faulty
public class UserResource {
  private final CustomerDirectory directory;

  public UserResource(CustomerDirectory directory) {
    this.directory = directory;
  }

  @GET
  @Path("/{customerId}")
  public CustomerProfile profile(@PathParam("customerId") String customerId) {
    return directory
        .find(customerId)
        .orElseThrow(() -> new NotFoundException("no customer " + customerId));
  }
}
