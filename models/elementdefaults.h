// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/link.h"
#include "model/model.h"
#include "model/site.h"
#include "model/workload.h"

#include "unitinput.h"

#include <QString>

#include <optional>

#include <vector>

namespace strata::models {

/// A new site of \a kind as the palette creates it: name from the kind, a device group of 1,000.
/// The ρ target a distributed or hybrid strategy uses when the design gives none (docs/model.md §4).
double defaultRhoTarget();

core::Site defaultSite(core::SiteKind kind, const QString& id, int number);

/// The palette's label of a site kind ("Cloud region", …).
QString siteKindLabel(core::SiteKind kind);

/**
 * Starting values of a link drawn between sites of kinds \a a and \a b: the link kind and typical
 * bandwidth and one-way latency for it (documented in docs/gui.md as starting points to edit, not
 * measurements). Device groups connect over 5G, edge sites over metro fibre, the rest over WAN.
 */
core::Link defaultLink(core::SiteKind a, core::SiteKind b);

/// What an inference service of a preset's model typically sends, receives and promises.
struct ServingDefaults {
    double requestBytes = 0;
    double responseBytes = 0;
    std::optional<double> inputTokens, outputTokens; ///< transformers
    double maxBatch = 1;
    double sloP95Ms = 0;
    QString why; ///< where the figures come from, for the tooltip and status bar
};

/// A model preset with its published size (source named in each preset).
struct ModelPreset {
    QString label;
    QString source;
    core::Model model;
    ServingDefaults serving;
};

/// Sets the fields of inference service \a spec that belong to \a preset's model (tokens, bytes,
/// batch, SLO); returns a line naming what changed ("input tokens 512, …"), empty when nothing did.
QString applyServingDefaults(const ModelPreset& preset, core::InferenceSpec& spec);
const std::vector<ModelPreset>& modelPresets();

/// New workloads of each type with sensible first values (the user then edits them).
core::Workload defaultWorkload(core::WorkloadType type, const QString& id, const QString& modelId);

/// How the workbench presents and starts a workload kind: one switch per kind, so a new kind
/// fails to compile until it says what its menu entry, id stem and site list are.
struct WorkloadKindUi {
    QString menuLabel;          ///< "Add workload" menu entry
    QString idStem;             ///< new ids: stem, stem-2, …
    bool needsTransformer = false; ///< its model must be a transformer (FLOPs follow from the shape)
    size_t presetIndex = 0;     ///< modelPresets() entry when the design has no suitable model
    QString sitesLabel;         ///< the form row of its sites: sources, datasets or clients
    QString pickPlaceholder;    ///< the value typed for sites picked on the canvas
    Quantity pickQuantity = Quantity::Plain;
    double pickDefault = 0;     ///< that value when none is typed (file units)
    bool precisionDefault = false; ///< "default" is a precision choice (the model's own)
};
WorkloadKindUi workloadKindUi(core::WorkloadType type);

} // namespace strata::models
