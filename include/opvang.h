/* SPDX-License-Identifier: EUPL-1.2 */
/* opvang: the arithmetic of the Dutch asylum reception chain.  Include this one header. */
#ifndef OPVANG_H
#define OPVANG_H

#include "opvang/core.h"
#include "opvang/apportion.h"
#include "opvang/register.h"
#include "opvang/io.h"
#include "opvang/distribution.h"
#include "opvang/housing.h"
#include "opvang/date.h"
#include "opvang/places.h"
#include "opvang/projection.h"
#include "opvang/report.h"

#endif
