// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Defaults of the analytic model (MODEL.md §1-§9) and the estimate rules for catalog gaps.
// docs/model.md lists each with its reason; change both together.

#include "model/link.h"
#include "model/site.h"

namespace strata::core::defaults {

inline constexpr double kComputeEfficiency = 0.5; ///< inference, MODEL.md §5
inline constexpr double kMemoryEfficiency = 0.8;  ///< MODEL.md §5
inline constexpr double kRhoTarget = 0.8;         ///< MODEL.md §3
inline constexpr double kMaxBatch = 1;
inline constexpr double kServiceCv = 0;
inline constexpr double kModelMemoryShare = 0.9;  ///< usable share of device memory, MODEL.md §5
inline constexpr double kFibreSecondsPerKm = 5e-6;///< light in fibre, n ≈ 1.47 (catalog: 4.897 µs/km)

/// World-average grid intensity, gCO2/kWh: IEA 2019 "WORLD" row of the Green Algorithms
/// CI_aggregated.csv (catalog.json constants.grid_carbon_intensity_gco2_per_kwh).
inline constexpr double kCarbonGPerKwh = 475;

/// Electricity price, USD/kWh: US industrial average 2023, 8.06 ¢/kWh (EIA, via Statista
/// "Average retail electricity price for industrial consumers in the United States", 2024).
inline constexpr double kEnergyUsdPerKwh = 0.0806;

/// Idle power when a datasheet gives none, as a share of TDP: 117 W with a CUDA context open on
/// a 700 W H100 SXM5 (measured 2026-11, shared/catalog/README.md). Marked as an estimate.
inline constexpr double kIdleShareOfTdp = 117.0 / 700.0;

double pue(SiteKind kind);          ///< cloud 1.10, edge 1.40, onprem 1.60, device 1.00
double availability(SiteKind kind); ///< cloud 0.9995, edge/onprem 0.999, device 0.99

/// Water usage effectiveness, litres of on-site (cooling) water per kWh of IT energy:
/// - cloud 0.12: AWS's global data-centre WUE for 2025 (Amazon, "AWS data centers' water use",
///   2025 figure published 2026; the same statement puts the industry average at 0.84);
/// - edge and on-prem 1.8: the US data-centre average of Shehabi et al., "United States Data
///   Center Energy Usage Report", LBNL-1005775 (2016), for sites with evaporative cooling;
/// - device 0: a phone or a car has no cooling tower.
double wue(SiteKind kind);

} // namespace strata::core::defaults

namespace strata::core {
/// One-way latency of a link in seconds (latency_ms, else distance × 5 µs/km × route factor).
double linkLatencySeconds(const Link& link);
} // namespace strata::core
