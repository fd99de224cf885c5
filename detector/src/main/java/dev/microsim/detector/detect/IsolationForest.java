package dev.microsim.detector.detect;

import java.util.Random;

/**
 * Liu, Ting and Zhou's isolation forest (ICDM 2008): random axis-parallel splits isolate an
 * outlier in fewer steps than a normal point. Written by hand on purpose: the well-known Java
 * implementation (Smile) is GPL-3, and the algorithm is this one small class. Seeded.
 *
 * <p>One change for streaming: a plain forest scores a point outside the training range like the
 * most extreme training point (it follows that point's branch), so a latency 20 sd off scores no
 * higher than one 4 sd off. Here a point is scored as if it had been in the tree's sample: at a
 * node whose split dimension's range it lies outside, the split would have separated it with
 * probability gap / (range widened to it), so its expected path is shortened by that much.
 */
final class IsolationForest {

    private final Node[] trees;
    private final double normaliser;

    private IsolationForest(Node[] trees, int sampleSize) {
        this.trees = trees;
        this.normaliser = averagePathLength(sampleSize);
    }

    static IsolationForest fit(double[][] data, int count, int treeCount, int sampleSize, Random random) {
        int psi = Math.min(sampleSize, count);
        int heightLimit = (int) Math.ceil(Math.log(Math.max(2, psi)) / Math.log(2));
        Node[] trees = new Node[treeCount];
        int[] sample = new int[psi];
        for (int t = 0; t < treeCount; t++) {
            for (int i = 0; i < psi; i++) {
                sample[i] = random.nextInt(count);
            }
            trees[t] = build(data, sample, 0, psi, 0, heightLimit, random);
        }
        return new IsolationForest(trees, psi);
    }

    /** The anomaly score in (0, 1]: about 0.5 or less for normal points, towards 1 for outliers. */
    double score(double[] x) {
        double total = 0;
        for (Node tree : trees) {
            total += pathLength(tree, x, 0);
        }
        return Math.pow(2, -(total / trees.length) / normaliser);
    }

    private record Node(int dimension, double split, double min, double max, Node left, Node right, int size) {
    }

    private static Node build(double[][] data, int[] idx, int from, int to, int depth, int limit, Random random) {
        int size = to - from;
        if (depth >= limit || size <= 1) {
            return new Node(-1, 0, 0, 0, null, null, size);
        }
        int dims = data[idx[from]].length;
        // pick a dimension that is not constant within this node (a few tries), then a split in its range
        for (int attempt = 0; attempt < dims * 2; attempt++) {
            int d = random.nextInt(dims);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double v = data[idx[i]][d];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max > min) {
                double split = min + random.nextDouble() * (max - min);
                int mid = partition(data, idx, from, to, d, split);
                return new Node(d, split, min, max, build(data, idx, from, mid, depth + 1, limit, random),
                        build(data, idx, mid, to, depth + 1, limit, random), size);
            }
        }
        return new Node(-1, 0, 0, 0, null, null, size);
    }

    private static int partition(double[][] data, int[] idx, int from, int to, int d, double split) {
        int i = from;
        for (int j = from; j < to; j++) {
            if (data[idx[j]][d] < split) {
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
                i++;
            }
        }
        return i;
    }

    /** The expected path length of x had it been in the sample: see the class comment. */
    private static double pathLength(Node node, double[] x, int depth) {
        double expected = 0;
        double stillTogether = 1;
        while (node.dimension >= 0) {
            double v = x[node.dimension];
            double gap = v < node.min ? node.min - v : v > node.max ? v - node.max : 0;
            double separated = gap == 0 ? 0 : gap / (node.max - node.min + gap);
            // reaching this node costs one step; with probability `separated` the walk ends here
            expected += stillTogether;
            stillTogether *= 1 - separated;
            node = v < node.split ? node.left : node.right;
            depth++;
        }
        return expected + stillTogether * averagePathLength(node.size);
    }

    /** c(n): the average path length of an unsuccessful search in a binary search tree of n points. */
    static double averagePathLength(int n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1) + 0.5772156649) - 2.0 * (n - 1) / n;
    }
}
