// The Lucene 4.10 side of bench/latency.sh: index the crawl bodies, then time top-10 searches
// with snippets, as bench/query_latency does for fahras. Compiled and run by bench/latency.sh
// (java -Xms2g -Xmx2g, a fixed heap) against Debian's liblucene4.10-java.
//
//   LuceneLatency index OUT_DIR BODIES.tsv
//       BODIES.tsv: "id<TAB>body" a line (no tab or newline inside a body). Fields: id
//       (StringField, stored), body (TextField, stored, positions); ArabicAnalyzer
//       (LUCENE_4_10_4, its default stop words), BM25Similarity (k1 1.2, b 0.75), forceMerge(1).
//   LuceneLatency search INDEX QUERIES.tsv THREADS PASSES [WARM]
//       QUERIES.tsv: "qid<TAB>query[<TAB>kind]" a line. Each query is an OR of its words: the
//       words, each escaped (QueryParser.escape), through the classic QueryParser with the same
//       analyzer, default operator OR. Top 10 by BM25; for each hit the stored body is read and
//       re-analysed (analyzer.tokenStream) for the Highlighter: QueryScorer, SimpleHTMLFormatter,
//       SimpleSpanFragmenter of 120 characters, getBestFragments up to 2 joined by " … " (about
//       240 characters in all, as fahras's default snippet of at most 2 passages), else the first
//       240 characters. Highlighter's default of 50 KiB analysed per body.
//       The timer runs around parse + search + stored field reads + highlighting of one query.
//       Passes 1..WARM (default 1) warm up, untimed; passes WARM+1..PASSES are timed (this JVM's
//       JIT needs several passes of the 200 queries to settle: see bench/latency.sh). Each pass
//       runs every query once. With THREADS > 1 each thread has its
//       own IndexSearcher (and QueryParser) over the one shared DirectoryReader, and takes the
//       queries round-robin (thread t: queries t, t+THREADS, ...), the same split every pass.
//
// Output of search, TSV on standard output, lines starting with '#' are comments:
//   query<TAB>QID<TAB>MS<TAB>HITS          each query of the last pass (MS: milliseconds)
//   throughput<TAB>QUERIES<TAB>SECONDS<TAB>QPS   over all timed passes (wall clock)
//   cpu<TAB>SECONDS                        CPU time of the process (every JVM thread, JIT and GC
//                                          included) over the timed passes
//   gc<TAB>COLLECTIONS<TAB>MS              garbage collections during the timed passes
// Exit status: 0 done, 1 some query failed (named on standard error), 2 bad arguments or input.
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

// The Version-taking constructors are deprecated in 4.10 (Lucene 5 drops them); they are kept
// to pin the analysis to LUCENE_4_10_4.
@SuppressWarnings("deprecation")
public final class LuceneLatency {
  static final Version VERSION = Version.LUCENE_4_10_4;

  static void usage(String message) {
    System.err.println("LuceneLatency: " + message);
    System.err.println("usage: LuceneLatency index OUT_DIR BODIES.tsv");
    System.err.println("       LuceneLatency search INDEX QUERIES.tsv THREADS PASSES [WARM]");
    System.exit(2);
  }

  static void index(String out, String bodies) throws IOException {
    long t0 = System.nanoTime();
    Analyzer analyzer = new ArabicAnalyzer(VERSION);
    IndexWriterConfig config = new IndexWriterConfig(VERSION, analyzer);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setSimilarity(new BM25Similarity());
    config.setRAMBufferSizeMB(256);
    int docs = 0;
    int lineNo = 0;
    try (IndexWriter writer = new IndexWriter(FSDirectory.open(new File(out)), config);
        BufferedReader in = Files.newBufferedReader(Paths.get(bodies), StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        ++lineNo;
        if (line.isEmpty()) continue;
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          System.err.println("LuceneLatency: " + bodies + ":" + lineNo + ": expected id<TAB>body");
          System.exit(2);
        }
        Document doc = new Document();
        doc.add(new StringField("id", line.substring(0, tab), Field.Store.YES));
        doc.add(new TextField("body", line.substring(tab + 1), Field.Store.YES));
        writer.addDocument(doc);
        ++docs;
      }
      writer.forceMerge(1);
    }
    System.out.printf("# indexed %d documents into %s in %.1f s%n", docs, out, (System.nanoTime() - t0) / 1e9);
  }

  /** One thread's tools: its own IndexSearcher and QueryParser over the shared reader. */
  static final class Worker {
    final IndexSearcher searcher;
    final QueryParser parser;
    final Analyzer analyzer;

    Worker(DirectoryReader reader, Analyzer analyzer) {
      this.searcher = new IndexSearcher(reader);
      this.searcher.setSimilarity(new BM25Similarity());
      this.parser = new QueryParser(VERSION, "body", analyzer);
      this.parser.setDefaultOperator(QueryParser.Operator.OR);
      this.analyzer = analyzer;
    }

    /** Runs one query; returns its number of hits (at most 10); adds the snippets' length to chars. */
    int run(String text, AtomicLong chars) throws Exception {
      StringBuilder escaped = new StringBuilder();
      for (String word : text.trim().split("\\s+")) {
        if (word.isEmpty()) continue;
        // AND, OR, NOT are operators of the classic syntax even when escaped.
        if (word.equals("AND") || word.equals("OR") || word.equals("NOT")) word = word.toLowerCase();
        escaped.append(QueryParser.escape(word)).append(' ');
      }
      Query query = parser.parse(escaped.toString());
      TopDocs top = searcher.search(query, 10);
      QueryScorer scorer = new QueryScorer(query, "body");
      Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter(), scorer);
      highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, 120));
      for (ScoreDoc hit : top.scoreDocs) {
        Document doc = searcher.doc(hit.doc);
        String body = doc.get("body");
        TokenStream tokens = analyzer.tokenStream("body", body);
        String[] fragments = highlighter.getBestFragments(tokens, body, 2);
        String snippet = fragments.length > 0 ? String.join(" … ", fragments)
                                              : body.substring(0, Math.min(240, body.length()));
        chars.addAndGet(snippet.length() + doc.get("id").length());
      }
      return top.scoreDocs.length;
    }
  }

  static String collectorNames() {
    List<String> names = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) names.add(gc.getName());
    return String.join(", ", names);
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long[] gcTotals() {
    long count = 0, ms = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      ms += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, ms};
  }

  static int search(String indexDir, String queriesPath, int threads, int passes, int warm) throws Exception {
    List<String[]> queries = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(Paths.get(queriesPath), StandardCharsets.UTF_8)) {
      ++lineNo;
      if (line.trim().isEmpty()) continue;
      String[] f = line.split("\t", -1);
      if (f.length < 2) usage(queriesPath + ":" + lineNo + ": expected qid<TAB>query");
      if (lineNo == 1 && f[0].equals("qid")) continue;
      queries.add(f);
    }
    if (queries.isEmpty()) usage(queriesPath + ": no queries");
    final int n = queries.size();
    final double[] ms = new double[n];
    final int[] hits = new int[n];
    final AtomicInteger failures = new AtomicInteger();
    final AtomicLong chars = new AtomicLong();
    Analyzer analyzer = new ArabicAnalyzer(VERSION);
    DirectoryReader reader = DirectoryReader.open(FSDirectory.open(new File(indexDir)));
    Worker[] workers = new Worker[threads];
    for (int t = 0; t < threads; ++t) workers[t] = new Worker(reader, analyzer);
    System.out.printf("# lucene %s: %d documents in %d segment(s), %d queries, %d thread(s), %d passes (%d warm); "
                          + "java %s, max heap %d MiB, collectors %s%n",
        VERSION, reader.numDocs(), reader.leaves().size(), n, threads, passes, warm, System.getProperty("java.vm.version"),
        Runtime.getRuntime().maxMemory() >> 20, collectorNames());
    long timedNanos = 0;
    long[] gcBefore = null;
    long cpuBefore = 0;
    for (int pass = 1; pass <= passes; ++pass) {
      if (pass == warm + 1) {
        gcBefore = gcTotals();
        cpuBefore = cpuNanos();
      }
      Thread[] pool = new Thread[threads];
      for (int t = 0; t < threads; ++t) {
        final int first = t;
        final Worker worker = workers[t];
        pool[t] = new Thread(() -> {
          for (int i = first; i < n; i += threads) {
            long start = System.nanoTime();
            try {
              hits[i] = worker.run(queries.get(i)[1], chars);
            } catch (Exception e) {
              failures.incrementAndGet();
              System.err.println("LuceneLatency: query " + queries.get(i)[0] + ": " + e);
            }
            ms[i] = (System.nanoTime() - start) / 1e6;
          }
        });
      }
      long start = System.nanoTime();
      for (Thread thread : pool) thread.start();
      for (Thread thread : pool) thread.join();
      long took = System.nanoTime() - start;
      if (pass > warm) timedNanos += took;
      System.out.printf("# pass %d%s: %.1f ms%n", pass, pass <= warm ? " (warm)" : "", took / 1e6);
    }
    long[] gcAfter = gcTotals();
    long cpu = cpuNanos() - cpuBefore;
    for (int i = 0; i < n; ++i) System.out.printf("query\t%s\t%.4f\t%d%n", queries.get(i)[0], ms[i], hits[i]);
    double seconds = timedNanos / 1e9;
    int timed = n * (passes - warm);
    System.out.printf("throughput\t%d\t%.4f\t%.2f%n", timed, seconds, timed / seconds);
    System.out.printf("cpu\t%.4f%n", cpu / 1e9);
    System.out.printf("gc\t%d\t%d%n", gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    System.out.printf("# snippet and id characters produced: %d%n", chars.get());
    reader.close();
    return failures.get() > 0 ? 1 : 0;
  }

  static int positive(String value, String name, int min) {
    try {
      int v = Integer.parseInt(value);
      if (v >= min) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    usage(name + " must be an integer >= " + min + ", not '" + value + "'");
    return 0;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("index")) {
      index(args[1], args[2]);
    } else if ((args.length == 5 || args.length == 6) && args[0].equals("search")) {
      int warm = args.length == 6 ? positive(args[5], "WARM", 0) : 1;
      int passes = positive(args[4], "PASSES", warm + 1);
      System.exit(search(args[1], args[2], positive(args[3], "THREADS", 1), passes, warm));
    } else {
      usage("bad arguments");
    }
  }
}
