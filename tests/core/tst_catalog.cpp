// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in catalog: complete, sourced, and overridable by a scenario.

#include "io/catalogreader.h"
#include "testutil.h"

#include <QObject>
#include <QTest>

using namespace strata::core;

class tst_Catalog : public QObject {
    Q_OBJECT
private slots:
    void builtinIsCompleteAndSourced()
    {
        const Catalog& c = builtinCatalog();
        QCOMPARE(c.entries().size(), size_t(23)); // shared/catalog/README.md: 23 accelerators and CPUs
        for (const Accelerator& a : c.entries())
            QVERIFY2(!a.source.empty(), a.id.c_str());
    }

    void figuresFromTheDatasheet()
    {
        const Accelerator* h100 = builtinCatalog().find("nvidia-h100-sxm");
        QVERIFY(h100);
        QCOMPARE(h100->peakTflops.at(Precision::FP16), 989.5); // dense = 1979 sparse / 2
        QCOMPARE(h100->peakTflops.at(Precision::INT8), 1979.0); // int8_tops
        QCOMPARE(*h100->memoryGb, 80.0);
        QCOMPARE(*h100->memoryGbPerS, 3350.0);
        QCOMPARE(*h100->tdpW, 700.0);
        QVERIFY(!h100->idleW); // no source: left empty, never guessed
        QCOMPARE(*h100->interconnectGbPerS, 450.0); // 900 GB/s aggregate bidirectional, halved
        QCOMPARE(*h100->usdPerHour, 12.29);         // prices.json: AWS p5 on-demand per GPU
        const Accelerator* tpu = builtinCatalog().find("google-tpu-v4");
        QCOMPARE(*tpu->idleW, 90.0); // measured minimum
        // B200 lists fp4 and fp6 too; only Strata's seven precisions are imported.
        QCOMPARE(builtinCatalog().find("nvidia-b200-hgx")->peakTflops.size(), size_t(7));
        QVERIFY(!builtinCatalog().find("nvidia-l4")->usdPerHour); // no sourced price
    }

    void scenarioEntriesOverrideBuiltins()
    {
        Accelerator mine;
        mine.id = "nvidia-h100-sxm";
        mine.peakTflops[Precision::FP16] = 1.0;
        Accelerator extra;
        extra.id = "my-fpga";
        Catalog c = builtinCatalog().withOverrides({mine, extra});
        QCOMPARE(c.entries().size(), size_t(24));
        QCOMPARE(c.find("nvidia-h100-sxm")->peakTflops.at(Precision::FP16), 1.0);
        QVERIFY(c.find("my-fpga"));
    }

    void brokenCatalogIsReported()
    {
        Diagnostics d;
        Catalog c = readCatalogJson("{not json", "", d);
        QVERIFY(c.entries().empty());
        QCOMPARE(d.size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(tst_Catalog)
#include "tst_catalog.moc"
