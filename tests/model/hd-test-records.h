/* hd-test-records.h — valid sample records of every entity, for tests
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-model.h"

G_BEGIN_DECLS

#define TEST_HUB_ID "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

/* A valid value for @field of @entity (floating). */
GVariant *test_valid_value (HdEntity entity, const HdField *field);
/* A full record of @entity with every field set to a valid value. */
HdRecord *test_full_record (HdEntity entity);

G_END_DECLS
