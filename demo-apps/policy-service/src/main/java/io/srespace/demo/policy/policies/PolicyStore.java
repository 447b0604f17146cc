package io.srespace.demo.policy.policies;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Products' tariffs and issued policies, in the service's own database through its pool. */
@Singleton
public class PolicyStore {
  private final AgroalDataSource database;
  private final PolicyDocuments documents;

  public PolicyStore(AgroalDataSource database, PolicyDocuments documents) {
    this.database = database;
    this.documents = documents;
  }

  void createSchema(@Observes StartupEvent started) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS products (name VARCHAR(40) PRIMARY KEY, base_rate DECIMAL(10,2))");
      statement.execute(
          """
          CREATE TABLE IF NOT EXISTS policies (
            id VARCHAR(40) PRIMARY KEY, quote_id VARCHAR(40) NOT NULL, customer_id VARCHAR(20),
            product VARCHAR(40), premium DECIMAL(10,2), issued_at TIMESTAMP)""");
      statement.execute(
          """
          MERGE INTO products KEY (name) VALUES
            ('home-basic', 280.00), ('home-plus', 420.00), ('car-basic', 390.00),
            ('car-plus', 610.00), ('travel', 45.00), ('pet', 160.00)""");
    }
  }

  public Optional<BigDecimal> baseRate(String product) {
    try (Connection connection = database.getConnection()) {
      try (PreparedStatement select =
          connection.prepareStatement("SELECT base_rate FROM products WHERE name = ?")) {
        select.setString(1, product);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(row.getBigDecimal(1)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("reading the tariff of " + product, e);
    }
  }

  /** Stores a new policy, and its document, and returns its id. */
  public String issue(IssueRequest request) {
    String policyId = "pol-" + UUID.randomUUID().toString().substring(0, 8);
    documents.write(policyId, request);
    try (Connection connection = database.getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO policies VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, policyId);
        insert.setString(2, request.quoteId());
        insert.setString(3, request.customerId());
        insert.setString(4, request.product());
        insert.setBigDecimal(5, request.premium());
        insert.setTimestamp(6, Timestamp.from(Instant.now()));
        insert.executeUpdate();
      }
      return policyId;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("issuing a policy for quote " + request.quoteId(), e);
    }
  }
}
