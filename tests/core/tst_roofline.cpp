// SPDX-License-Identifier: GPL-3.0-or-later
// Roofline service times and replica spans, against arithmetic done by hand.

#include "engine/roofline.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

using namespace strata::core;

class tst_Roofline : public QObject {
    Q_OBJECT
private slots:
    void switchesBetweenComputeAndMemory_data()
    {
        QTest::addColumn<double>("flop");
        QTest::addColumn<double>("bytes");
        QTest::addColumn<double>("expected");
        QTest::addColumn<bool>("computeBound");
        // F = 100 TFLOP/s, W = 1 TB/s: ridge point at 100 FLOP/byte.
        QTest::newRow("1 TFLOP over 1 GB: compute") << 1e12 << 1e9 << 0.01 << true;
        QTest::newRow("1 GFLOP over 1 GB: memory") << 1e9 << 1e9 << 0.001 << false;
        QTest::newRow("at the ridge") << 1e11 << 1e9 << 0.001 << true;
    }
    void switchesBetweenComputeAndMemory()
    {
        QFETCH(double, flop);
        QFETCH(double, bytes);
        QFETCH(double, expected);
        QFETCH(bool, computeBound);
        Bound b;
        STRATA_COMPARE_REL(rooflineSeconds(flop, bytes, 100e12, 1e12, &b), expected, 1e-15);
        QCOMPARE(b == Bound::Compute, computeBound);
    }

    void replicaSpan_data()
    {
        QTest::addColumn<double>("modelBytes");
        QTest::addColumn<double>("memoryBytes");
        QTest::addColumn<qlonglong>("k");
        QTest::newRow("7B fp16 on 80 GB") << 13.48e9 << 80e9 << 1LL;
        QTest::newRow("30B fp16 on 48 GB: 60/43.2") << 60e9 << 48e9 << 2LL;
        QTest::newRow("70B fp16 on 80 GB: 140/72") << 140e9 << 80e9 << 2LL;
        QTest::newRow("exactly 90 % of memory") << 72e9 << 80e9 << 1LL;
        QTest::newRow("no memory figure") << 1e9 << 0.0 << 0LL;
    }
    void replicaSpan()
    {
        QFETCH(double, modelBytes);
        QFETCH(double, memoryBytes);
        QFETCH(qlonglong, k);
        QCOMPARE(strata::core::replicaSpan(modelBytes, memoryBytes), k);
    }

    void llmDecodeIsMemoryBoundAtBatchOne()
    {
        // 7B-class: N = 7e9, L = 32, d = 4096, 2 B/param; 512 in, 128 out; F = 400 TFLOP/s, W = 2.4 TB/s.
        Model m;
        m.kind = ModelKind::Transformer;
        m.params = 7e9;
        m.layers = 32;
        m.dModel = 4096;
        m.bytesPerParam = 2;
        ServiceTime st = serviceTime(m, 1, 512, 128, 400e12, 2.4e12);
        // kv = 2·32·4096·2·640 = 335,544,320 B. Decode: max(2·7e9/4e14, (1.4e10 + 3.3554432e8)/2.4e12).
        const double kv = 2.0 * 32 * 4096 * 2 * 640;
        const double step = (14e9 + kv) / 2.4e12;
        QCOMPARE(st.decodeBound, Bound::Memory);
        STRATA_COMPARE_REL(st.decodeStepSeconds, step, 1e-14);
        // Prefill: max(2·7e9·512/4e14 = 0.01792, 1.4e10/2.4e12 = 0.005833) = 0.01792 s, compute-bound.
        STRATA_COMPARE_REL(st.prefillSeconds, 0.01792, 1e-14);
        STRATA_COMPARE_REL(st.seconds, 0.01792 + 128 * step, 1e-14);
        QCOMPARE(st.bound, Bound::Memory); // decode dominates
        // A very large batch with a tiny KV cache turns the decode step compute-bound.
        ServiceTime big = serviceTime(m, 2048, 0, 1, 400e12, 2.4e12);
        // b = 2048, in 0, out 1: kv = 2·32·4096·2·1 = 524,288 B; compute 2·7e9·2048/4e14 = 71.68 ms,
        // memory (1.4e10 + 2048·524288)/2.4e12 = 6.28 ms → compute-bound.
        QCOMPARE(big.decodeBound, Bound::Compute);
        STRATA_COMPARE_REL(big.decodeStepSeconds, 2 * 7e9 * 2048 / 400e12, 1e-14);
    }

    void genericModel()
    {
        Model m;
        m.params = 3e8;
        m.bytesPerParam = 2;
        m.flopsPerRequest = 1.2e12;
        m.bytesPerRequest = 2e7;
        // b = 2: max(2.4e12/2e14, (6e8 + 4e7)/1.28e12) = max(0.012, 0.0005) = 12 ms (conformance c1).
        ServiceTime st = serviceTime(m, 2, 0, 0, 200e12, 1.28e12);
        STRATA_COMPARE_REL(st.seconds, 0.012, 1e-14);
        QCOMPARE(st.bound, Bound::Compute);
        STRATA_COMPARE_REL(flopsPerRequest(m, 0, 0), 1.2e12, 0);
    }
};

QTEST_GUILESS_MAIN(tst_Roofline)
#include "tst_roofline.moc"
