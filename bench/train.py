# bench/train.py: training time of both recipes on the ten datasets, one 80/20 fit each.
# SPDX-License-Identifier: MIT
#
# Run through bench/train.  Each dataset is trained once per recipe with
# finf-train's default 80/20 hold-out split: the default recipe with its
# defaults, the ferrum recipe with the original engine's per-dataset names,
# widths and epochs (its scripts/train_all.sh).  Both run in this one
# invocation, so their ratio compares like with like; no time from another
# day or machine enters.  The program timed is the real one: bench/train
# resolves libtool's wrapper scripts first (bench/lib.sh) and passes the
# directory of the programs they run.
# Wall time and CPU time (user + system of the child) are both shown: on a
# shared machine the CPU time is the steadier figure.
import argparse, os, resource, subprocess, sys, tempfile, time

# name, dataset name, hidden, epochs (the original's train_all.sh)
RUNS = [('iris', 'Iris', 32, 500), ('wine', 'Wine Quality', 64, 600),
        ('diabetes', 'Pima Diabetes', 48, 600), ('titanic', 'Titanic', 32, 500),
        ('housing', 'California Housing', 64, 400), ('heart', 'Heart Disease', 32, 600),
        ('cancer', 'Breast Cancer', 64, 600), ('penguins', 'Palmer Penguins', 32, 500),
        ('mpg', 'Auto MPG', 48, 500), ('seeds', 'Wheat Seeds', 24, 500)]
# The default recipe's budget for the ten fits, CPU seconds.
TARGET_DEFAULT = 1.0



def timed(cmd, env):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def rows(path):
    with open(path) as f:
        return sum(1 for l in f if l.strip()) - 1


def main():
    ap = argparse.ArgumentParser(prog='bench/train')
    ap.add_argument('--datasets', default=os.environ.get('FERRUM_DATASETS', ''))
    ap.add_argument('--bindir', default=os.environ.get('FERRUM_BINDIR', 'bin'))
    a = ap.parse_args()
    if not a.datasets:
        sys.exit('bench/train: no datasets: use --datasets=DIR or set FERRUM_DATASETS')
    train, env = os.path.join(a.bindir, 'finf-train'), None
    tot = {'default': [0.0, 0.0], 'ferrum': [0.0, 0.0]}
    print('%-9s %6s  %-8s %8s %8s   %-8s %8s %8s   %s' % ('dataset', 'rows', 'recipe', 'wall s',
          'cpu s', 'recipe', 'wall s', 'cpu s', 'ferrum/default (cpu)'))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'm.finf')
        for name, title, hidden, epochs in RUNS:
            csv = os.path.join(a.datasets, name + '.csv')
            d = timed([train, '-q', '-n', title, '-o', out, csv], env)
            f = timed([train, '-q', '--recipe=ferrum', '-n', title, '-H', str(hidden),
                       '-e', str(epochs), '-o', out, csv], env)
            for k, v in (('default', d), ('ferrum', f)):
                tot[k][0] += v[0]
                tot[k][1] += v[1]
            print('%-9s %6d  %-8s %8.3f %8.3f   %-8s %8.3f %8.3f   %.2f' % (
                name, rows(csv), 'default', d[0], d[1], 'ferrum', f[0], f[1],
                f[1] / d[1] if d[1] > 0 else float('nan')), flush=True)
    print('%-9s %6s  %-8s %8.3f %8.3f   %-8s %8.3f %8.3f   %.2f' % (
        'total', '', 'default', tot['default'][0], tot['default'][1], 'ferrum',
        tot['ferrum'][0], tot['ferrum'][1], tot['ferrum'][1] / tot['default'][1]))
    print()
    print('program: %s' % train)
    print('default recipe, ten fits: %.3f s wall, %.3f s cpu; budget %.1f s cpu: %.2f of it'
          % (tot['default'][0], tot['default'][1], TARGET_DEFAULT,
             tot['default'][1] / TARGET_DEFAULT))
    print('ferrum recipe (the original\'s settings), ten fits: %.3f s wall, %.3f s cpu; '
          '%.2fx the default recipe\'s cpu' % (tot['ferrum'][0], tot['ferrum'][1],
                                                tot['ferrum'][1] / tot['default'][1]))
    print('load average at the end: %.2f %.2f %.2f (%d cpus)' % (*os.getloadavg(), os.cpu_count()))


if __name__ == '__main__':
    main()
