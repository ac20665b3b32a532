/* hd-model.h — the model: entities, records, validation, codec, merge
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-error.h"
#include "hd-schema.h"
#include "hd-record.h"
#include "hd-codec.h"
#include "hd-merge.h"
#include "hd-invariants.h"
#include "hd-organization-key.h"
