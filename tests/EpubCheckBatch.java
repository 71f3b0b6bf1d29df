// EPUBCheck on many books in one Java process: tests/corpus_harness.py runs
//   java -cp epubcheck.jar tests/EpubCheckBatch.java BOOK.epub REPORT.json [BOOK REPORT ...]
// (Java 11+ runs a single source file directly). Each book goes through EPUBCheck's own
// command-line entry point, exactly as `java -jar epubcheck.jar BOOK --json REPORT` would, but
// without starting a JVM per book (about 1 s a book instead of 5).
import com.adobe.epubcheck.tool.EpubChecker;

public class EpubCheckBatch {
  public static void main(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      int code;
      try {
        code = new EpubChecker().run(new String[] {args[i], "-q", "--json", args[i + 1]});
      } catch (RuntimeException e) {
        code = -1;  // no report is written: the harness says so for this book
      }
      System.out.println(code + "\t" + args[i]);
    }
  }
}
