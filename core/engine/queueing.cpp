// SPDX-License-Identifier: GPL-3.0-or-later
#include "queueing.h"

#include <algorithm>
#include <cmath>

namespace strata::core {

double erlangB(long long n, double a)
{
    if (n <= 0)
        return 1.0;
    if (!(a > 0))
        return 0.0;
    double b = 1.0;
    for (long long k = 1; k <= n; ++k) {
        b = a * b / (static_cast<double>(k) + a * b);
        if (b < 1e-30 && static_cast<double>(k) > a)
            return 0.0; // it only falls from here: B_n < 1e-30, which no result can show
    }
    return b;
}

double erlangC(long long n, double a)
{
    if (n <= 0 || a >= static_cast<double>(n))
        return 1.0;
    if (!(a > 0))
        return 0.0;
    double b = erlangB(n, a);
    double nn = static_cast<double>(n);
    double c = nn * b / (nn - a * (1.0 - b));
    return std::clamp(c, 0.0, 1.0);
}

QueueWait allenCunneenWait(long long n, double lambda, double serviceSeconds, double cv2)
{
    QueueWait w;
    double a = lambda * serviceSeconds;
    double nn = static_cast<double>(n);
    if (n <= 0 || a >= nn) {
        w.saturated = true;
        w.probabilityOfWait = 1.0;
        return w;
    }
    if (!(a > 0) || !(serviceSeconds > 0))
        return w;
    w.probabilityOfWait = erlangC(n, a);
    double factor = (1.0 + cv2) / 2.0;
    w.rate = (nn - a) / serviceSeconds / factor;
    w.meanSeconds = w.probabilityOfWait / w.rate;
    return w;
}

} // namespace strata::core
