#!/usr/bin/env python3
r"""Clean a JSONL crawl with paraclean on Apache Spark: learn -> merge -> clean.

Each input line is one JSON document (text in --text-field, its site in
--source-field or the host of --url-field). The job runs the paraclean binary
on every partition, in three stages:

1. learn   ``rdd.mapPartitions``: each partition's lines are piped into
           ``paraclean learn --format jsonl ... -q -o - -``; the partition
           yields its table (the whole stdout) as ONE element.
2. merge   ``.reduce(merge2)``: two tables are written to temporary files and
           replaced by the stdout of ``paraclean learn --merge a b -q -o -``.
           Merging is exact, associative and commutative, so the merged table
           is byte for byte the table of one pass over the whole input, in
           whatever order Spark combines the partitions. An empty partition
           yields a valid table with no sources, which merges as a no-op.
3. clean   The driver writes the merged table to --table and ships it with
           ``sc.addFile``; each task finds its local copy with
           ``SparkFiles.get`` and pipes its lines into
           ``paraclean clean --format jsonl --learned TABLE ... -q -``, which
           writes one line per input line, in order. The job checks the counts
           and saves with ``saveAsTextFile``: the part files, concatenated in
           partition order (= name order), are the cleaned JSONL, equal to a
           single-machine ``paraclean clean --learned`` over the same input.

A failing subprocess fails its task with the command, exit code and the
binary's stderr in the exception, so the reason shows in the Spark error.

On a real cluster:

* the binary must exist on the driver (the merges of stage 2 finish there) and
  on every executor: either install it on the nodes (``--binary
  /usr/local/bin/paraclean`` or on PATH) or ship it with
  ``spark-submit --files paraclean`` (it lands in each container's working
  directory / SparkFiles root; the job finds it there by name and makes it
  executable if the copy lost its mode bit);
* the input is any Hadoop path (``hdfs://``, ``s3a://``, a directory of
  part files); ``--partitions`` is the minimum number of splits;
* the table is written on the driver's local disk (--table) and reaches the
  executors through ``sc.addFile``, like a broadcast file;
* each paraclean call uses ``spark.task.cpus`` threads (``-j``), so a task
  does not take over cores that Spark gave to other tasks.

Run locally:  python3 paraclean_job.py --input crawl.jsonl --output out/ \
                  --table sites.table --binary target/release/paraclean \
                  --source-field source
(--master, default local[2], is only used when not started by spark-submit.)
"""

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="learn -> merge -> clean a JSONL crawl with paraclean on Spark",
    )
    p.add_argument("--input", required=True,
                   help="JSONL file or directory (any path sc.textFile reads)")
    p.add_argument("--output", required=True,
                   help="output directory (saveAsTextFile; must not exist)")
    p.add_argument("--table", required=True,
                   help="where the driver writes the merged learned table")
    p.add_argument("--binary", default="paraclean",
                   help="path to the paraclean binary, or a name on PATH / "
                        "shipped with --files (default: paraclean)")
    p.add_argument("--partitions", type=int, default=4,
                   help="minimum number of input partitions (default: 4)")
    p.add_argument("--text-field", default="text",
                   help="JSONL field holding the document text (default: text)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--source-field",
                     help="JSONL field naming the document's source (site)")
    src.add_argument("--url-field",
                     help="JSONL field whose URL host is the document's source")
    p.add_argument("--threads", type=int, default=None,
                   help="threads per paraclean call (default: spark.task.cpus)")
    p.add_argument("--master", default="local[2]",
                   help="Spark master when not run by spark-submit "
                        "(default: local[2])")
    return p.parse_args(argv)


# --------------------------------------------------------------------------
# Running the binary (these functions run on the executors and the driver).
# --------------------------------------------------------------------------

def resolve_binary(binary):
    """The paraclean binary as an executable path on this machine.

    Tried in order: the path as given (absolute, or relative to the working
    directory), a name on PATH, a copy shipped with --files / addFile.
    """
    candidates = []
    if os.sep in binary or os.path.exists(binary):
        candidates.append(os.path.abspath(binary))
    found = shutil.which(binary)
    if found:
        candidates.append(found)
    name = os.path.basename(binary)
    candidates.append(os.path.abspath(name))  # YARN: --files land in the cwd
    try:
        from pyspark import SparkFiles
        candidates.append(os.path.join(SparkFiles.getRootDirectory(), name))
    except Exception:  # no SparkContext / SparkFiles here
        pass
    for path in candidates:
        if os.path.isfile(path):
            return _executable(path)
    raise RuntimeError(
        "paraclean binary %r not found on host %s (tried %s); install it on "
        "every node or ship it with spark-submit --files"
        % (binary, os.uname().nodename, ", ".join(candidates)))


def _executable(path):
    if os.access(path, os.X_OK):
        return path
    try:  # a shipped copy may have lost its mode bits
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP)
        return path
    except OSError:
        pass
    copy = os.path.join(tempfile.mkdtemp(prefix="paraclean-bin-"),
                        os.path.basename(path))
    shutil.copyfile(path, copy)
    os.chmod(copy, 0o755)
    return copy


def run_piped(cmd, lines):
    """Run cmd with `lines` (str, no newline) piped to its stdin, one per line.

    Yields stdout line by line (bytes, newline kept). Raises RuntimeError with
    the command's stderr if it exits non-zero.
    """
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=err)
        feed_error = []

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8"))
                    proc.stdin.write(b"\n")
            except BrokenPipeError:
                pass  # the process died; its exit code and stderr tell why
            except BaseException as e:  # noqa: BLE001 - re-raised below
                feed_error.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        # Feed stdin from a thread while this one reads stdout: no deadlock on
        # full pipes, and neither side is held in memory as a whole.
        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        try:
            for out in proc.stdout:
                yield out
        finally:
            proc.stdout.close()
            rc = proc.wait()
            feeder.join()
        if feed_error:
            raise feed_error[0]
        if rc != 0:
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
            raise RuntimeError(
                "%s exited with code %d\n--- stderr ---\n%s"
                % (" ".join(cmd), rc, stderr[-20000:]))


def doc_args(opts):
    """The JSONL options shared by learn and clean."""
    args = ["--format", "jsonl", "--text-field", opts["text_field"]]
    if opts["source_field"] is not None:
        args += ["--source-field", opts["source_field"]]
    else:
        args += ["--url-field", opts["url_field"]]
    if opts["threads"]:
        args += ["-j", str(opts["threads"])]
    return args


def learn_partition(opts):
    """mapPartitions function: the partition's lines -> ONE table (bytes)."""
    def learn(lines):
        cmd = [resolve_binary(opts["binary"]), "learn"] + doc_args(opts) + [
            "-q", "-o", "-", "-"]
        yield b"".join(run_piped(cmd, lines))
    return learn


def merge_tables(opts):
    """reduce function: two tables (bytes) -> their exact merge (bytes)."""
    def merge2(a, b):
        with tempfile.TemporaryDirectory(prefix="paraclean-merge-") as d:
            pa, pb = os.path.join(d, "a.table"), os.path.join(d, "b.table")
            with open(pa, "wb") as f:
                f.write(a)
            with open(pb, "wb") as f:
                f.write(b)
            cmd = [resolve_binary(opts["binary"]), "learn", "--merge", pa, pb,
                   "-q", "-o", "-"]
            return b"".join(run_piped(cmd, []))
    return merge2


def clean_partition(opts, table_name):
    """mapPartitions function: the partition's lines -> cleaned lines (str)."""
    def clean(lines):
        from pyspark import SparkFiles
        table = SparkFiles.get(table_name)
        counted = _Counter(lines)
        cmd = [resolve_binary(opts["binary"]), "clean"] + doc_args(opts) + [
            "--learned", table, "-q", "-"]
        produced = 0
        for out in run_piped(cmd, counted):
            produced += 1
            if out.endswith(b"\n"):
                out = out[:-1]
            yield out.decode("utf-8")
        if produced != counted.n:
            raise RuntimeError(
                "paraclean clean wrote %d lines for %d input lines; the "
                "output would not line up with the input" % (produced, counted.n))
    return clean


class _Counter:
    """Iterates over lines, counting them."""

    def __init__(self, lines):
        self.lines = lines
        self.n = 0

    def __iter__(self):
        for line in self.lines:
            self.n += 1
            yield line


# --------------------------------------------------------------------------
# The driver.
# --------------------------------------------------------------------------

def main(argv=None):
    args = parse_args(argv)
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if not under_submit:
        # Local mode: the workers run this same interpreter.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("paraclean")
    if not conf.contains("spark.master"):
        conf.setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        run(sc, args)
    finally:
        sc.stop()


def run(sc, args):
    threads = args.threads
    if threads is None:
        threads = int(sc.getConf().get("spark.task.cpus", "1"))
    binary = args.binary
    if os.path.isfile(binary):  # a local path: the same for driver and tasks
        binary = os.path.abspath(binary)
    opts = {
        "binary": binary,
        "text_field": args.text_field,
        "source_field": args.source_field,
        "url_field": args.url_field,
        "threads": threads,
    }

    lines = sc.textFile(args.input, minPartitions=args.partitions)
    n_parts = lines.getNumPartitions()

    # 1-2. learn per partition, merge the tables.
    if n_parts == 0:  # nothing to read: the table of no documents
        table = next(learn_partition(opts)(iter([])))
    else:
        table = lines.mapPartitions(learn_partition(opts)).reduce(
            merge_tables(opts))
    table_path = os.path.abspath(args.table)
    parent = os.path.dirname(table_path)
    if parent:
        os.makedirs(parent, exist_ok=True)
    with open(table_path, "wb") as f:
        f.write(table)

    # 3. ship the table, clean per partition, save in partition order.
    sc.addFile(table_path)
    table_name = os.path.basename(table_path)
    lines.mapPartitions(clean_partition(opts, table_name)).saveAsTextFile(
        args.output)
    print("paraclean_job: %d partitions; table %s (%d bytes); output %s"
          % (n_parts, table_path, len(table), args.output), file=sys.stderr)


if __name__ == "__main__":
    main()
