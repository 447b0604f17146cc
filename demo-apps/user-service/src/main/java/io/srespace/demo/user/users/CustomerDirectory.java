package io.srespace.demo.user.users;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer base: {@code c-1} to {@code c-<size>}, each profile derived from its number, so
 * every instance of the service (and every restart) answers the same for the same customer.
 */
@Singleton
public class CustomerDirectory {
  public static final int SIZE = 100_000;
  private static final Pattern ID = Pattern.compile("c-(\\d{1,6})");
  private static final List<String> FIRST =
      List.of("Ada", "Bo", "Chen", "Dara", "Eli", "Femi", "Greta", "Hugo", "Ines", "Jonas");
  private static final List<String> LAST =
      List.of("Novak", "Okafor", "Silva", "Berg", "Kowalski", "Moreau", "Tanaka", "Haddad");
  private static final List<String> REGIONS = List.of("north", "south", "east", "west", "capital");

  public Optional<CustomerProfile> find(String customerId) {
    Matcher matcher = ID.matcher(customerId);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int number = Integer.parseInt(matcher.group(1));
    if (number < 1 || number > SIZE) {
      return Optional.empty();
    }
    SplittableRandom random = new SplittableRandom(number * 7919L);
    return Optional.of(
        new CustomerProfile(
            customerId,
            FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size())),
            18 + random.nextInt(63),
            REGIONS.get(random.nextInt(REGIONS.size())),
            random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(3),
            1995 + random.nextInt(31)));
  }
}
