/* hd-interop.h — errors of the import and export formats
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HD_INTEROP_ERROR (hd_interop_error_quark ())

typedef enum {
  HD_INTEROP_ERROR_PARSE,        /* the file is broken; the message says where */
  HD_INTEROP_ERROR_UNSUPPORTED,  /* not a format Hubdesk reads */
  HD_INTEROP_ERROR_MAPPING,      /* the columns cannot be matched to fields */
  HD_INTEROP_ERROR_NOT_FOUND,    /* no such import to undo, no such hub */
} HdInteropError;

GQuark hd_interop_error_quark (void);

G_END_DECLS
