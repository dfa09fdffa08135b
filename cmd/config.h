/*
 * Config files for -K/--config and the default ~/.httpcrc, in curl
 * 7.88's syntax (src/tool_parsecfg.c), turned into the argv-style
 * tokens the option parser already takes: a line "user-agent = "x""
 * becomes "--user-agent", "x".
 *
 * A line holds one option and its value:
 *	long-option = "value"	long-option "value"	long-option value
 *	long-option: value	--long-option value	-x value
 *	silent			(an option without a value)
 * - blanks first are skipped; a line whose first character is then
 *   '#', '/' or '*' is a comment (curl's rule), so is an empty line;
 * - the option ends at white space, or at '=' or ':' unless it starts
 *   with '-'; any run of blanks, '=' and ':' (the last two only for
 *   undashed options) follows;
 * - a value in double quotes ends at the closing quote and may hold
 *   \t \n \r \v, and \X for any other X (\\ and \" among them); what
 *   follows the closing quote is ignored;
 * - an unquoted value ends at white space; more text after it (other
 *   than a '#' comment) draws curl's warning, and is ignored;
 * - an undashed option is a long one: "url" is "--url".
 * A "config"/"--config"/"-K" line reads that file there and then, its
 * tokens in place of the line, at most CONFIG_MAX_DEPTH deep; a file
 * that cannot be read there is only warned about, as in curl.
 *
 * Messages are curl's, with the file name as given ("<stdin>" for "-"
 * in some, as curl): "FILE:LINE: warning: 'bogus' is unknown",
 * "... 'referer' requires parameter", "... 'head' had unsupported
 * trailing garbage", "... 'header' uses unquoted whitespace in the
 * line that may cause side-effects!", "cannot read config from 'F'"
 * (an error, nested files only).
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>
#include <stdio.h>

#define CONFIG_MAX_LINE		(100 * 1024)	/* curl's limit */
#define CONFIG_MAX_DEPTH	10		/* nested config files */
#define CONFIG_MAX_ARGS		(1 << 20)	/* tokens from all files */

enum config_err {
	CONFIG_OK = 0,
	CONFIG_NOMEM,		/* exit 27 */
	CONFIG_READ		/* exit 26: cannot open or read, line too
				 * long, too many tokens */
};

/* Tokens collected so far; start from { 0, NULL }.  argv[argc] is NULL. */
struct config_args {
	int		 argc;
	char		**argv;
};

/*
 * Whether an option token ("--url", "-x", "-sS", "--no-silent") reads
 * the next token as its value: 1 yes, 0 no, -1 unknown option.  For a
 * cluster of short options the answer is for the cluster as the parser
 * would take it (whether the word leaves the value to the next token).
 */
typedef int	 config_takes_arg_fn(void *arg, const char *option);

/*
 * Gets each message without prefix or newline: error 0 for a line
 * curl prints after "Warning: ", 1 for one after "curl: ".
 */
typedef void	 config_msg_fn(void *arg, int error, const char *msg);

struct config_ops {
	config_takes_arg_fn	*takes_arg;
	config_msg_fn		*msg;		/* NULL: silent */
	void			*arg;		/* for both */
};

/*
 * Reads the config file at path ("-": standard input) and appends its
 * tokens to args.  Bad lines are warned about and skipped, as curl
 * does.  CONFIG_READ (errno kept when it was the system's): the file
 * cannot be opened or read, or a line is longer than CONFIG_MAX_LINE;
 * nothing is printed for this file itself (curl: "cannot read config
 * from 'F'", then the -K option error, exit 26; silence for the default
 * file).  Tokens from lines before a failure stay in args.  args is the
 * caller's; free it with config_args_free().
 */
enum config_err	 config_read(const char *path, const struct config_ops *,
		    struct config_args *args);

/* The same from an open stream; name is used in messages. */
enum config_err	 config_read_fp(FILE *, const char *name,
		    const struct config_ops *, struct config_args *args);

/* Frees the tokens; args is { 0, NULL } again. */
void		 config_args_free(struct config_args *);

/*
 * The default files to try, in order, the first that opens being the
 * one read: $XDG_CONFIG_HOME/httpcrc, $HOME/.httpcrc, and, when
 * XDG_CONFIG_HOME is unset, $HOME/.config/httpcrc (curl's order for
 * .curlrc).  HOME comes from the password database when unset.  Empty
 * variables count as unset.  getenv NULL: getenv(3).  *paths is a
 * NULL-terminated array for config_paths_free(); it may be empty.
 */
typedef const char *config_getenv_fn(void *arg, const char *name);
enum config_err	 config_default_paths(config_getenv_fn *getenv, void *arg,
		    char ***paths);
void		 config_paths_free(char **);

/*
 * 1 when the command line asks not to read the default file: its first
 * argument starts with "-q" or is "--disable", as curl checks.
 */
int		 config_skip_default(int argc, char *const argv[]);

#endif /* CONFIG_H */
