// Validates many EPUBs in one JVM with epubcheck's Java API, one JSON line per EPUB.
//
//   java -cp /usr/share/java/epubcheck.jar tests/helpers/EpubcheckBatch.java [LIST]
//
// LIST is a file of EPUB paths, one a line; without it (or with "-") the paths are read from
// standard input, and each line of JSON is written and flushed as soon as that EPUB is
// checked, so a caller can feed EPUBs while it is still building them. Starting a JVM costs
// ~1.5 s; a corpus of a thousand small EPUBs needs one JVM, not a thousand.
//
// Run as a single-file source program (JEP 330): it needs a JDK (javac's compiler module), and
// epubcheck's jar brings its own dependencies through its manifest's Class-Path (Debian's
// package), Jackson among them, which writes the JSON.
//
// Each line: {"path", "fatal", "errors", "warnings", "messages": [{"id", "severity",
// "message", "location": "path:line:col"}]}, plus "crash" when epubcheck
// itself threw (the EPUB then counts one fatal error). Only fatal errors, errors and warnings
// are collected, as epubcheck's command line reports them by default.
import com.adobe.epubcheck.api.EPUBLocation;
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.api.MasterReport;
import com.adobe.epubcheck.messages.Message;
import com.adobe.epubcheck.messages.Severity;
import com.adobe.epubcheck.util.FeatureEnum;
import com.adobe.epubcheck.util.ReportingLevel;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.codehaus.jackson.JsonFactory;
import org.codehaus.jackson.JsonGenerator;

public class EpubcheckBatch {
  /** One message as epubcheck reported it, its arguments already formatted into the text. */
  record Collected(String id, Severity severity, String text, List<EPUBLocation> locations) {}

  /**
   * MasterReport filters by reporting level and looks messages up in the dictionary; this
   * subclass only keeps what reaches it. A new one per EPUB, since a report's state is per book.
   */
  static final class CollectingReport extends MasterReport {
    final List<Collected> messages = new ArrayList<>();

    CollectingReport() {
      super();
      setLocale(Locale.ENGLISH);
      setReportingLevel(ReportingLevel.Warning);
    }

    @Override
    public void message(Message message, EPUBLocation location, Object... args) {
      Severity severity = message.getSeverity();
      // Some checkers call this overload directly, past MasterReport's level filter.
      if (severity != Severity.FATAL && severity != Severity.ERROR && severity != Severity.WARNING) return;
      List<EPUBLocation> locations = new ArrayList<>();
      if (location != null) locations.add(location);
      messages.add(new Collected(message.getID().toString(), severity, message.getMessage(args), locations));
    }

    @Override
    public void info(String resource, FeatureEnum feature, String value) {}

    @Override
    public int generate() {
      return 0;
    }

    @Override
    public void initialize() {}

    int count(Severity severity) {
      return (int) messages.stream().filter(m -> m.severity() == severity).count();
    }
  }

  public static void main(String[] args) throws Exception {
    int threads = 1;
    String list = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--threads") && i + 1 < args.length) threads = Integer.parseInt(args[++i]);
      else list = args[i];
    }
    // epubcheck and its libraries may print; standard output carries only our JSON lines.
    PrintStream json = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    JsonFactory factory = new JsonFactory();
    // With several threads the lines come in the order the checks end; each names its path.
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (BufferedReader paths = new BufferedReader(new InputStreamReader(
        list != null && !list.equals("-") ? new FileInputStream(list) : System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = paths.readLine()) != null; ) {
        String path = line.strip();
        if (path.isEmpty()) continue;
        pool.execute(() -> {
          String result = check(factory, path);
          synchronized (json) {
            json.println(result);
            json.flush();
          }
        });
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    }
  }

  static String check(JsonFactory factory, String path) {
    CollectingReport report = new CollectingReport();
    String crash = null;
    try {
      new EpubCheck(new File(path), report).doValidate();
    } catch (RuntimeException | StackOverflowError e) {
      crash = e.toString();
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = factory.createJsonGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("path", path);
      g.writeNumberField("fatal", report.count(Severity.FATAL) + (crash == null ? 0 : 1));
      g.writeNumberField("errors", report.count(Severity.ERROR));
      g.writeNumberField("warnings", report.count(Severity.WARNING));
      if (crash != null) g.writeStringField("crash", crash);
      g.writeArrayFieldStart("messages");
      for (Collected m : report.messages) {
        g.writeStartObject();
        g.writeStringField("id", m.id());
        g.writeStringField("severity", m.severity().name());
        g.writeStringField("message", m.text());
        EPUBLocation first = m.locations().isEmpty() ? null : m.locations().get(0);
        g.writeStringField("location", first == null ? "" : where(first));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** "OEBPS/text.xhtml:3:40", as epubcheck's own report prints a place (-1 when it has none). */
  static String where(EPUBLocation location) {
    return location.getPath() + ":" + location.getLine() + ":" + location.getColumn();
  }
}
