package io.srespace.demo.quote.quotes;

import io.srespace.demo.faults.Faulty;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The entry point of the Cloud Insurance journey: ask for a quote, then buy it. */
@Path("/quotes")
@Produces(MediaType.APPLICATION_JSON)
@Faulty
public class QuoteResource {
  private final QuoteService quotes;
  private final QuoteBook book;

  public QuoteResource(QuoteService quotes, QuoteBook book) {
    this.quotes = quotes;
    this.book = book;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response quote(QuoteRequest request) {
    if (request == null || isBlank(request.customerId()) || isBlank(request.product())) {
      throw new BadRequestException("customerId and product are required");
    }
    return Response.status(Response.Status.CREATED).entity(quotes.quote(request)).build();
  }

  @GET
  @Path("/{quoteId}")
  public Quote find(@PathParam("quoteId") String quoteId) {
    return book.find(quoteId).orElseThrow(() -> unknown(quoteId));
  }

  @POST
  @Path("/{quoteId}/purchase")
  public PurchaseOutcome purchase(@PathParam("quoteId") String quoteId) {
    return quotes.purchase(quoteId).orElseThrow(() -> unknown(quoteId));
  }

  private static NotFoundException unknown(String quoteId) {
    return new NotFoundException("no quote " + quoteId + " awaiting purchase");
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
