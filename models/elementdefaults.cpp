// SPDX-License-Identifier: GPL-3.0-or-later
#include "elementdefaults.h"

#include "engine/defaults.h"

#include <QObject>
#include <QStringList>

namespace strata::models {

using namespace strata::core;

QString siteKindLabel(SiteKind kind)
{
    switch (kind) {
    case SiteKind::Cloud: return QStringLiteral("Cloud region");
    case SiteKind::Edge: return QStringLiteral("Edge site");
    case SiteKind::OnPrem: return QStringLiteral("On-prem cluster");
    case SiteKind::Device: return QStringLiteral("Device group");
    }
    return {};
}

double defaultRhoTarget()
{
    return core::defaults::kRhoTarget;
}

Site defaultSite(SiteKind kind, const QString& id, int number)
{
    Site s;
    s.id = id.toStdString();
    s.name = (siteKindLabel(kind) + QLatin1Char(' ') + QString::number(number)).toStdString();
    s.kind = kind;
    s.jurisdiction = "EU";
    if (kind == SiteKind::Device)
        s.devices = 1000;
    return s;
}

Link defaultLink(SiteKind a, SiteKind b)
{
    Link l;
    auto either = [&](SiteKind k) { return a == k || b == k; };
    if (either(SiteKind::Device)) {
        // A device population reaches its first site over a cellular radio network.
        l.kind = LinkKind::Cellular5G;
        l.bandwidthGbps = 1;
        l.latencyMs = 10;
    } else if (a == SiteKind::Edge && b == SiteKind::Edge) {
        l.kind = LinkKind::Metro;
        l.bandwidthGbps = 100;
        l.latencyMs = 2;
    } else if (either(SiteKind::OnPrem) && !either(SiteKind::Cloud)) {
        l.kind = LinkKind::Metro;
        l.bandwidthGbps = 10;
        l.latencyMs = 2;
    } else if (a == SiteKind::Cloud && b == SiteKind::Cloud) {
        l.kind = LinkKind::Wan;
        l.bandwidthGbps = 400;
        l.latencyMs = 30;
    } else {
        l.kind = LinkKind::Wan;
        l.bandwidthGbps = 100;
        l.latencyMs = 10;
    }
    return l;
}

const std::vector<ModelPreset>& modelPresets()
{
    static const std::vector<ModelPreset> presets = [] {
        std::vector<ModelPreset> p;
        {
            Model m;
            m.id = "resnet-50";
            m.name = "ResNet-50";
            m.params = 25.6e6;
            m.bytesPerParam = 2;
            m.flopsPerRequest = 7.6e9;  // 3.8e9 multiply-adds per 224×224 image = 7.6e9 FLOP
            m.bytesPerRequest = 25e6;   // activations touched per image at fp16, order of magnitude
            p.push_back({QStringLiteral("ResNet-50 (25.6 M parameters)"),
                         QStringLiteral("He et al., Deep Residual Learning for Image Recognition, CVPR 2016, Table 1 "
                                        "(3.8×10⁹ multiply-adds); 25.6 M parameters per torchvision's model card"),
                         m,
                         // A 224×224 RGB image is 150,528 B raw; 1,000 fp32 class scores are 4 kB.
                         {150528, 4000, std::nullopt, std::nullopt, 8, 100,
                          QStringLiteral("a raw 224×224×3 image in, 1,000 fp32 scores out")}});
        }
        {
            Model m;
            m.id = "bert-base";
            m.name = "BERT-base";
            m.kind = ModelKind::Transformer;
            m.params = 110e6;
            m.layers = 12;
            m.dModel = 768;
            p.push_back({QStringLiteral("BERT-base (110 M)"),
                         QStringLiteral("Devlin et al., BERT, NAACL 2019, §3: L = 12, H = 768, 110 M parameters"), m,
                         // 128 tokens of text (about 4 B per token as UTF-8) in, one 768-wide fp32 embedding out.
                         {512, 3072, 128.0, 1.0, 32, 50,
                          QStringLiteral("128 tokens of text in, one 768-wide fp32 embedding out")}});
        }
        // A chat turn: 512 prompt tokens, 256 generated (about 4 B of text each); the SLO is for the
        // whole response, not the first token.
        auto chat = [](double sloMs) {
            return ServingDefaults{2048, 1024, 512.0, 256.0, 16, sloMs,
                                   QStringLiteral("a chat turn: 512 prompt tokens in, 256 generated; p95 of the whole response")};
        };
        {
            Model m;
            m.id = "llama-2-7b";
            m.name = "Llama 2 7B";
            m.kind = ModelKind::Transformer;
            m.params = 6.7e9;
            m.layers = 32;
            m.dModel = 4096;
            p.push_back({QStringLiteral("Llama-class 7B"),
                         QStringLiteral("Touvron et al., Llama 2, 2023, Table 1 and the released config: 32 layers, "
                                        "d_model 4096, 6.7 B parameters"),
                         m,
                         // A chat turn: 512 prompt tokens, 256 generated (about 4 B of text each); the
                         // SLO is for the whole response, not the first token.
                         {2048, 1024, 512.0, 256.0, 16, 10000,
                          QStringLiteral("a chat turn: 512 prompt tokens in, 256 generated; p95 of the whole response")}});
        }
        {
            Model m;
            m.id = "llama-2-70b";
            m.name = "Llama 2 70B";
            m.kind = ModelKind::Transformer;
            m.params = 69e9;
            m.layers = 80;
            m.dModel = 8192;
            m.attentionHeads = 64;
            m.kvHeads = 8;
            p.push_back({QStringLiteral("Llama-class 70B"),
                         QStringLiteral("Touvron et al., Llama 2, 2023, Table 1 and §2.2 (grouped-query attention for "
                                        "34B and 70B) and the released config: 80 layers, d_model 8192, 64 heads, 8 KV heads, "
                                        "69 B parameters"),
                         m, chat(20000)});
        }
        // Llama 3.1 (Dubey et al., The Llama 3 Herd of Models, 2024, Table 3; parameter counts from
        // the model cards): grouped-query attention with 8 KV heads of width 128 at every size.
        auto llama31 = [&](const char* id, const char* name, double params, double layers, double d, double heads,
                           const char* label, double slo) {
            Model m;
            m.id = id;
            m.name = name;
            m.kind = ModelKind::Transformer;
            m.params = params;
            m.layers = layers;
            m.dModel = d;
            m.attentionHeads = heads;
            m.kvHeads = 8;
            p.push_back({QString::fromUtf8(label),
                         QStringLiteral("Dubey et al., The Llama 3 Herd of Models, 2024, Table 3 (layers, model "
                                        "dimension, attention heads, 8 key/value heads) and Meta's Llama 3.1 model card "
                                        "(parameters)"),
                         m, chat(slo)});
        };
        llama31("llama-3.1-8b", "Llama 3.1 8B", 8.03e9, 32, 4096, 32, "Llama 3.1 8B", 10000);
        llama31("llama-3.1-70b", "Llama 3.1 70B", 70.6e9, 80, 8192, 64, "Llama 3.1 70B", 20000);
        llama31("llama-3.1-405b", "Llama 3.1 405B", 405e9, 126, 16384, 128, "Llama 3.1 405B", 30000);
        // Mixtures of experts: the attention shape (heads of head_dim, KV heads) and the experts.
        struct Shape {
            double layers, dModel, heads, kvHeads, headDim;
        };
        struct Experts {
            double total, perToken, activeParams;
        };
        auto moe = [&](const char* id, const char* name, double params, double bytesPerParam, Shape shape, Experts experts,
                       const char* label, const char* source, double slo) {
            Model m;
            m.id = id;
            m.name = name;
            m.kind = ModelKind::Transformer;
            m.params = params;
            m.bytesPerParam = bytesPerParam;
            m.layers = shape.layers;
            m.dModel = shape.dModel;
            m.attentionHeads = shape.heads;
            m.kvHeads = shape.kvHeads;
            m.headDim = shape.headDim;
            m.experts = experts.total;
            m.expertsPerToken = experts.perToken;
            m.activeParams = experts.activeParams;
            p.push_back({QString::fromUtf8(label), QString::fromUtf8(source), m, chat(slo)});
        };
        moe("mixtral-8x7b", "Mixtral 8x7B", 46.7e9, 2, Shape{.layers = 32, .dModel = 4096, .heads = 32, .kvHeads = 8, .headDim = 128},
            Experts{.total = 8, .perToken = 2, .activeParams = 12.9e9}, "Mixtral 8x7B (MoE, 12.9 B active)",
            "Jiang et al., Mixtral of Experts, 2024, Table 1 (32 layers, dim 4096, 32 heads and 8 KV heads of 128, 8 experts, "
            "2 per token) and §1 (46.7 B parameters, 12.9 B used per token)",
            15000);
        // Released in fp8 (1 B per parameter). Multi-head latent attention caches one 512-wide
        // latent and a 64-wide RoPE key per layer and token: 576 values, written as 1 KV head of
        // width 288 (× 2 for K and V).
        moe("deepseek-v3", "DeepSeek-V3 (fp8 weights)", 671e9, 1,
            Shape{.layers = 61, .dModel = 7168, .heads = 128, .kvHeads = 1, .headDim = 288},
            Experts{.total = 256, .perToken = 8, .activeParams = 37e9}, "DeepSeek-V3 (MoE, 671 B, 37 B active, fp8)",
            "DeepSeek-AI, DeepSeek-V3 Technical Report, arXiv 2412.19437, 2024, §2.1 and §4.2: 61 layers, hidden 7168, "
            "128 heads, KV compression 512 + 64 RoPE values, 256 routed experts with 8 per token (plus one shared), "
            "671 B parameters, 37 B per token, fp8 weights",
            30000);
        moe("qwen3-30b-a3b", "Qwen3-30B-A3B", 30.5e9, 2, Shape{.layers = 48, .dModel = 2048, .heads = 32, .kvHeads = 4, .headDim = 128},
            Experts{.total = 128, .perToken = 8, .activeParams = 3.3e9}, "Qwen3-30B-A3B (MoE, 3.3 B active)",
            "Qwen Team, Qwen3 Technical Report, arXiv 2505.09388, 2025, Table 2 (48 layers, 32 query and 4 KV heads, "
            "128 experts, 8 per token, 30.5 B total, 3.3 B activated) and the released config (hidden 2048, head width 128)",
            8000);
        // MXFP4 experts (4.25 bits) and bf16 for the rest: the 60.8 GiB checkpoint over 116.8 B
        // parameters is 0.56 B per parameter.
        moe("gpt-oss-120b", "gpt-oss-120b", 116.8e9, 0.56, Shape{.layers = 36, .dModel = 2880, .heads = 64, .kvHeads = 8, .headDim = 64},
            Experts{.total = 128, .perToken = 4, .activeParams = 5.1e9}, "gpt-oss-120b (MoE, 5.1 B active, MXFP4)",
            "OpenAI, gpt-oss-120b & gpt-oss-20b Model Card, 2025, §2: 36 layers, residual width 2880, 64 query heads of 64 "
            "and 8 KV heads, 128 experts with 4 per token, 116.8 B parameters, 5.1 B active, MXFP4 expert weights "
            "(60.8 GiB checkpoint)",
            10000);
        return p;
    }();
    return presets;
}

QString applyServingDefaults(const ModelPreset& preset, InferenceSpec& spec)
{
    const ServingDefaults& d = preset.serving;
    QStringList changed;
    auto set = [&](std::optional<double>& field, std::optional<double> value, const QString& what, const QString& unit) {
        if (field == value)
            return;
        field = value;
        changed << (value ? QStringLiteral("%1 %2%3").arg(what).arg(*value).arg(unit) : QObject::tr("%1 cleared").arg(what));
    };
    auto setRequired = [&](double& field, double value, const QString& what, const QString& unit) {
        std::optional<double> v = field;
        set(v, value, what, unit);
        field = *v;
    };
    setRequired(spec.requestBytes, d.requestBytes, QObject::tr("request"), QStringLiteral(" B"));
    setRequired(spec.responseBytes, d.responseBytes, QObject::tr("response"), QStringLiteral(" B"));
    set(spec.inputTokens, d.inputTokens, QObject::tr("input tokens"), QString());
    set(spec.outputTokens, d.outputTokens, QObject::tr("output tokens"), QString());
    set(spec.maxBatch, d.maxBatch, QObject::tr("max batch"), QString());
    set(spec.sloP95Ms, d.sloP95Ms, QObject::tr("p95 SLO"), QStringLiteral(" ms"));
    return changed.join(QStringLiteral(", "));
}

Workload defaultWorkload(WorkloadType type, const QString& id, const QString& modelId)
{
    Workload w;
    w.id = id.toStdString();
    w.model = modelId.toStdString();
    w.precision = Precision::BF16; // what current accelerators train and serve in; editable
    switch (type) {
    case WorkloadType::Inference: {
        w.name = "Inference service";
        InferenceSpec s;
        s.requestBytes = 100e3;
        s.responseBytes = 1e3;
        s.sloP95Ms = 100;
        w.spec = s;
        break;
    }
    case WorkloadType::Training: {
        w.name = "Training job";
        TrainingSpec s;
        s.tokens = 1e11;
        s.seqLen = 4096;
        s.globalBatchTokens = 4e6;
        w.spec = s;
        break;
    }
    case WorkloadType::Federated: {
        w.name = "Federated learning";
        FederatedSpec s;
        s.rounds = 100;
        s.clientsPerRound = 1;
        s.localSteps = 10;
        s.samplesPerStep = 32;
        s.flopsPerSample = 3 * 7.6e9;
        w.spec = s;
        break;
    }
    }
    return w;
}

WorkloadKindUi workloadKindUi(WorkloadType type)
{
    WorkloadKindUi ui;
    switch (type) {
    case WorkloadType::Inference:
        ui.menuLabel = QObject::tr("Inference service");
        ui.idStem = QStringLiteral("inference");
        ui.presetIndex = 0;
        ui.sitesLabel = QObject::tr("Sources");
        ui.pickPlaceholder = QObject::tr("req/s per device, e.g. 0.5");
        ui.pickQuantity = Quantity::Plain;
        ui.pickDefault = 0.1;
        break;
    case WorkloadType::Training:
        ui.menuLabel = QObject::tr("Training job");
        ui.idStem = QStringLiteral("training");
        ui.needsTransformer = true;
        ui.presetIndex = 2;
        ui.sitesLabel = QObject::tr("Datasets");
        ui.pickPlaceholder = QObject::tr("data per site, e.g. 2 TB");
        ui.pickQuantity = Quantity::Bytes;
        ui.pickDefault = 1e12;
        break;
    case WorkloadType::Federated:
        ui.menuLabel = QObject::tr("Federated learning");
        ui.idStem = QStringLiteral("federated");
        ui.presetIndex = 0;
        ui.sitesLabel = QObject::tr("Clients");
        ui.pickPlaceholder = QObject::tr("data per site, e.g. 2 TB");
        ui.pickQuantity = Quantity::Bytes;
        ui.pickDefault = 1e12;
        ui.precisionDefault = true;
        break;
    }
    return ui;
}

} // namespace strata::models
