/*
** push_cli.h: `zwgk push` (stats, set, deliver, flush, queue).
**
** Memory: its own Arena per run; nothing outlives the command.
*/
#ifndef ZW_PUSH_CLI_H
#define ZW_PUSH_CLI_H

int push_cli(int argc, char **argv);

#endif
