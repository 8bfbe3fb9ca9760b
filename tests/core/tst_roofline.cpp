// SPDX-License-Identifier: GPL-3.0-or-later
// Roofline service times and replica spans, against arithmetic done by hand.

#include "engine/roofline.h"
#include "testutil.h"

#include <QObject>
#include <cmath>
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

    void kvCacheFollowsTheAttentionShape()
    {
        // Llama 3.1 70B: 80 layers, 64 query heads, 8 KV heads of width 128, bf16:
        // 2 · 80 · 8 · 128 = 163,840 values = 327,680 B per token (a quarter of MiB: 320 KiB).
        Model m;
        m.kind = ModelKind::Transformer;
        m.params = 70.6e9;
        m.layers = 80;
        m.dModel = 8192;
        m.bytesPerParam = 2;
        QCOMPARE(m.kvValuesPerToken(), 2.0 * 80 * 8192); // no attention shape: multi-head of width d_model
        m.attentionHeads = 64;
        QCOMPARE(m.kvValuesPerToken(), 2.0 * 80 * 8192); // 64 heads of 8192/64 = 128: the same
        m.kvHeads = 8;
        QCOMPARE(m.kvValuesPerToken(), 163840.0);
        QCOMPARE(kvBytesPerRequest(m, 1000, 24), 327680.0 * 1024);
        // Stored in fp8 (1 B per value) the cache halves; the weights' bytes_per_param do not enter.
        QCOMPARE(kvBytesPerRequest(m, 1000, 24, 1.0), 163840.0 * 1024);
        m.bytesPerParam = 0.5; // int4 weights
        QCOMPARE(kvBytesPerRequest(m, 1000, 24, 2.0), 327680.0 * 1024);
        QCOMPARE(replicaMemoryBytes(m, 4, 1000, 24, 1.0), 70.6e9 * 0.5 + 4 * 163840.0 * 1024);
        m.bytesPerParam = 2;
        // Qwen3-30B-A3B: d_model 2048 but 32 heads of width 128 (not 2048/32 = 64), 4 KV heads, 48 layers.
        Model q;
        q.kind = ModelKind::Transformer;
        q.layers = 48;
        q.dModel = 2048;
        q.attentionHeads = 32;
        q.kvHeads = 4;
        q.headDim = 128;
        QCOMPARE(q.kvValuesPerToken(), 2.0 * 48 * 4 * 128);
        // A generic model has no KV cache.
        Model g;
        g.params = 1e9;
        QCOMPARE(kvBytesPerRequest(g, 100, 100), 0.0);
    }

    void mixtureOfExpertsReadsTheExpertsItsTokensReach()
    {
        // Mixtral 8x7B: 46.7e9 parameters stored, 12.9e9 used per token, 8 experts, 2 per token.
        // One expert: (46.7 − 12.9)e9 / (8 − 2) = 5.6333e9; shared: 12.9e9 − 2 · 5.6333e9 = 1.6333e9.
        Model m;
        m.kind = ModelKind::Transformer;
        m.params = 46.7e9;
        m.layers = 32;
        m.dModel = 4096;
        m.bytesPerParam = 2;
        m.experts = 8;
        m.expertsPerToken = 2;
        m.activeParams = 12.9e9;
        const double perExpert = (46.7e9 - 12.9e9) / 6, shared = 12.9e9 - 2 * perExpert;
        // One token reaches exactly its 2 experts: it reads the active parameters, not all 46.7e9.
        STRATA_COMPARE_REL(m.weightBytesTouched(1), 12.9e9 * 2, 1e-12);
        // b tokens reach 8 · (1 − (3/4)^b) distinct experts per layer on average.
        for (double b : {2.0, 4.0, 16.0})
            STRATA_COMPARE_REL(m.weightBytesTouched(b), (shared + 8 * (1 - std::pow(0.75, b)) * perExpert) * 2, 1e-12);
        // It rises with the batch towards the dense 46.7e9 · 2 B and never passes it.
        double last = 0;
        for (double b = 1; b <= 256; b *= 2) {
            const double bytes = m.weightBytesTouched(b);
            QVERIFY(bytes > last || bytes == m.weightBytes());
            QVERIFY(bytes <= m.weightBytes());
            last = bytes;
        }
        QVERIFY(m.weightBytes() - m.weightBytesTouched(64) < 1e-6 * m.weightBytes());
        // A decode step at batch 1 reads fewer bytes than a dense 46.7B model's; FLOPs follow the
        // active parameters.
        Model dense = m;
        dense.experts.reset();
        dense.expertsPerToken.reset();
        dense.activeParams.reset();
        const ServiceTime moe = serviceTime(m, 1, 512, 128, 400e12, 2.4e12);
        const ServiceTime full = serviceTime(dense, 1, 512, 128, 400e12, 2.4e12);
        const double kv = 2.0 * 32 * 4096 * 2 * 640;
        STRATA_COMPARE_REL(moe.decodeStepSeconds, (12.9e9 * 2 + kv) / 2.4e12, 1e-12);
        STRATA_COMPARE_REL(full.decodeStepSeconds, (46.7e9 * 2 + kv) / 2.4e12, 1e-12);
        QCOMPARE(flopsPerRequest(m, 512, 128), 2 * 12.9e9 * 640);
        QCOMPARE(flopsPerRequest(dense, 512, 128), 2 * 46.7e9 * 640);
    }

    void memoryFitCountsTheWeightsAndTheBatchKvCache()
    {
        // DeepSeek-V3 with its released fp8 weights (1 B per parameter): 671 GB. 8 × H100 (80 GB)
        // keep 0.9 · 640 = 576 GB for it: a replica would span 10 devices, more than the 8 there
        // are. 8 × H200 (141 GB) keep 1,015.2 GB: it spans ceil((671 + KV) / 126.9) = 6 of them.
        Model ds;
        ds.kind = ModelKind::Transformer;
        ds.params = 671e9;
        ds.activeParams = 37e9;
        ds.experts = 256;
        ds.expertsPerToken = 8;
        ds.layers = 61;
        ds.dModel = 7168;
        ds.attentionHeads = 128;
        ds.kvHeads = 1;
        ds.headDim = 288; // multi-head latent attention caches 512 + 64 values per layer: 2 · 288
        ds.bytesPerParam = 1;
        const double need = replicaMemoryBytes(ds, 8, 2048, 512);
        // KV: 2 · 61 · 288 = 35,136 values, 1 B each, × 2,560 tokens × 8 requests = 719.6 MB.
        STRATA_COMPARE_REL(need, 671e9 + 35136.0 * 2560 * 8, 1e-12);
        QCOMPARE(strata::core::replicaSpan(need, 80e9), 10LL); // > 8: does not fit on 8 × H100
        QCOMPARE(strata::core::replicaSpan(need, 141e9), 6LL); // fits on 8 × H200
        // The KV cache of the batch can push a replica onto one more device: Llama 2 7B in bf16
        // (13.48 GB) with 16 requests of 4,096 tokens (2 · 32 · 4096 · 2 B = 512 KiB per token,
        // 34.4 GB) needs 47.8 GB: one 80 GB device (72 GB usable), but two of 40 GB (36 GB usable).
        Model l;
        l.kind = ModelKind::Transformer;
        l.params = 6.74e9;
        l.layers = 32;
        l.dModel = 4096;
        l.bytesPerParam = 2;
        const double llama = replicaMemoryBytes(l, 16, 3072, 1024);
        STRATA_COMPARE_REL(llama, 13.48e9 + 16 * 524288.0 * 4096, 1e-12);
        QCOMPARE(strata::core::replicaSpan(llama, 80e9), 1LL);
        QCOMPARE(strata::core::replicaSpan(llama, 40e9), 2LL);
        QCOMPARE(strata::core::replicaSpan(l.weightBytes(), 40e9), 1LL); // the weights alone would fit on one
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
