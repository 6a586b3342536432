package dev.bulwark.auth.breached;

import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.matchers.DictionaryLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The default offline screen: the frequency lists bundled in zxcvbn4j ({@code com.nulab-inc:zxcvbn},
 * a dependency, so the list is versioned with it and not copied into this repository). {@link
 * #passwordsOnly()} holds the 30 000 most common passwords of zxcvbn's leaked-password corpus;
 * {@link #withDictionaryWords()} adds its English Wikipedia words, film and TV words, surnames and
 * first names (NIST SP 800-63B-4 §3.1.1.2 names dictionary words as blocklist material).
 *
 * {@snippet :
 * ScreenVerdict v = CommonPasswords.withDictionaryWords().screen("Password123"); // FOUND
 * }
 *
 * <p>Matching is exact after lower-casing (Locale.ROOT), as the lists are lower case: "PassWord1"
 * is as guessable as "password1". Immutable and thread-safe; each list is loaded once, on first use.
 */
public final class CommonPasswords implements PasswordScreen {
  private final Set<String> lowerCase;

  private CommonPasswords(Set<String> lowerCase) {
    this.lowerCase = lowerCase;
  }

  /** zxcvbn's common-password list only (30 000 entries). */
  public static CommonPasswords passwordsOnly() {
    return Holder.PASSWORDS;
  }

  /** zxcvbn's common passwords and its dictionaries (about 94 000 entries). */
  public static CommonPasswords withDictionaryWords() {
    return Holder.ALL;
  }

  @Override
  public ScreenVerdict screen(CharSequence password) {
    Objects.requireNonNull(password, "password");
    return lowerCase.contains(password.toString().toLowerCase(Locale.ROOT))
        ? ScreenVerdict.FOUND
        : ScreenVerdict.NOT_FOUND;
  }

  /** Number of distinct entries. */
  public int size() {
    return lowerCase.size();
  }

  private static final class Holder {
    static final CommonPasswords PASSWORDS = load(List.of(StandardDictionaries.PASSWORDS_LOADER));
    static final CommonPasswords ALL =
        load(
            List.of(
                StandardDictionaries.PASSWORDS_LOADER,
                StandardDictionaries.ENGLISH_WIKIPEDIA_LOADER,
                StandardDictionaries.US_TV_AND_FILM_LOADER,
                StandardDictionaries.SURNAMES_LOADER,
                StandardDictionaries.MALE_NAMES_LOADER,
                StandardDictionaries.FEMALE_NAMES_LOADER));

    private static CommonPasswords load(List<DictionaryLoader> loaders) {
      Set<String> words = new HashSet<>();
      try {
        for (DictionaryLoader loader : loaders) {
          for (String word : loader.load().getFrequencies()) {
            words.add(word.toLowerCase(Locale.ROOT));
          }
        }
      } catch (IOException e) {
        // The lists ship inside the zxcvbn jar: failing to read them is a broken installation.
        throw new UncheckedIOException("cannot read the zxcvbn frequency lists", e);
      }
      return new CommonPasswords(Set.copyOf(words));
    }
  }
}
