package io.srespace.demo.faults;

import io.srespace.events.Fault;
import java.util.Collection;

/** Asked for a fault this service does not have. */
public class UnknownFaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnknownFaultException(Fault fault, Collection<Fault> known) {
    super("this service has no %s fault (it has: %s)".formatted(fault, known));
  }
}
