/*
** demo.h: the demo county (西吉县): units, the standard column tree, users, the
** 2021 work plan as the first published document, and the sample items in
** data/demo/items.txt, all loaded through the normal publishing workflow.
**
** Memory: uses its own arena; nothing is returned.
** Errors: ZW_OK or a ZW_E* code with a message in *err; the load is one transaction.
*/
#ifndef ZW_DEMO_H
#define ZW_DEMO_H

#include "../core/err.h"
#include "../store/db.h"

/* Create the units and their column trees (every database needs these). */
int demo_units(Db *db, Err *err);

/* Load users, the plan and the sample items.  Passwords of demo users are
** zDemoPassword.  Prints a summary to standard output. */
int demo_load(Db *db, const char *zDemoPassword, Err *err);

#endif
