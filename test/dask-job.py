"""Maps the partitions of a JSON Lines file through `vietfix --jsonl FIELD` on a local Dask
cluster of two worker processes, and prints what each partition gave back (as JSON).

usage: python3 test/dask-job.py INPUT.jsonl FIELD PARTITIONS -- COMMAND...
"""
import json
import os
import subprocess
import sys

import dask.bag as db
from dask.distributed import Client, LocalCluster, get_worker


def main():
    path, field, partitions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    command = sys.argv[sys.argv.index("--") + 1 :] + ["--jsonl", field, "--quiet"]

    def repair_partition(lines):
        lines = [line[:-1] if line.endswith("\n") else line for line in lines]
        done = subprocess.run(command, input="".join(line + "\n" for line in lines), capture_output=True, encoding="utf-8")
        if done.returncode != 0:
            raise RuntimeError(f"vietfix exited {done.returncode}: {done.stderr}")
        out = done.stdout.split("\n")
        if out[-1] != "":
            raise RuntimeError("the output does not end with a newline")
        return [{"worker": get_worker().address, "lines": out[:-1]}]

    size = os.path.getsize(path)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        workers = len(client.scheduler_info()["workers"])
        # Blocks of the file, each cut at a line end, as a large file is read.
        bag = db.read_text(path, blocksize=size // partitions + 1)
        results = bag.map_partitions(repair_partition).compute()
    print(json.dumps({"workers": workers, "partitions": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
