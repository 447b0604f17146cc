package io.srespace.demo.faults;

/** The exception the error-rate fault throws: a real, unhandled failure of the request. */
public class InjectedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InjectedFailure(String message) {
    super(message);
  }
}
