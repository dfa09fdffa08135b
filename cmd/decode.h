/*
 * Content-Encoding decoding for --compressed, streaming: the body goes
 * in as it arrives, decoded pieces come out through a callback, and
 * nothing holds the whole body.  Memory is fixed whatever the ratio
 * (zlib's state and one DECODE_CHUNK buffer per coding); the bytes that
 * reach the callback are bounded by the caller's limit (--max-filesize),
 * counted after decoding, so a gzip bomb stops at the limit.
 *
 * Codings, as curl 7.88 takes them (lib/content_encoding.c): a comma
 * separated list, names without case, blanks around them ignored;
 * "gzip" and "x-gzip" (zlib's automatic gzip or zlib header detection),
 * "deflate" (zlib-wrapped, falling back to raw deflate when the data
 * does not start as a zlib stream, as curl does for broken servers),
 * "identity" and "none" (nothing to do).  They were applied in list
 * order, so they are undone last first.  At most DECODE_MAX_CODINGS
 * names (identity included, as curl counts them).
 *
 * Where httpc differs from curl 7.88, on purpose:
 * - decode_finish() reports a stream that stopped before its end
 *   (DECODE_TRUNCATED); curl writes what it got and exits 0;
 * - the limit counts decoded bytes; curl 7.88's --max-filesize only
 *   looks at Content-Length, so it never stops a bomb;
 * - the raw deflate fallback works wherever the body is split; curl
 *   only tries it within the first piece it is given.
 */
#ifndef DECODE_H
#define DECODE_H

#include <stddef.h>
#include <stdint.h>

#define DECODE_MAX_CODINGS	5		/* curl's MAX_ENCODE_STACK */
#define DECODE_CHUNK		16384		/* largest piece written */

/*
 * Results: name, curl's exit code, message.  The message is curl's
 * where curl has one; decode_message() adds the details.
 */
#define DECODE_ERRORS(X)						\
	X(OK,		 0, "no error")					\
	X(NOMEM,	27, "out of memory")				\
	X(UNKNOWN_CODING, 61, "Unrecognized content encoding type")	\
	X(TOO_MANY_CODINGS, 61,						\
	    "Reject response due to more than 5 content encodings")	\
	X(BAD_DATA,	61, "Error while processing content unencoding") \
	X(TRUNCATED,	61, "Error while processing content unencoding: " \
	    "compressed data ends early")				\
	X(TRAILING_DATA, 23, "Error while processing content unencoding: " \
	    "data after the end of the compressed stream")		\
	X(TOO_LARGE,	63, "Maximum file size exceeded")		\
	X(WRITE,	23, "Failed writing received data to disk/application")

enum decode_err {
#define DECODE_ERR_ENUM(name, code, msg) DECODE_##name,
	DECODE_ERRORS(DECODE_ERR_ENUM)
#undef DECODE_ERR_ENUM
	DECODE_ERR_COUNT
};

struct decoder;

/*
 * Gets each decoded piece, 1 to DECODE_CHUNK bytes.  Returns 0 to go on;
 * anything else stops decoding with DECODE_WRITE (the callback keeps
 * its own reason, for instance the exit code out_body() gave).
 */
typedef int	 decode_write_fn(void *arg, const void *buf, size_t len);

/*
 * The value for Accept-Encoding with --compressed: what this build
 * decodes, in curl's order ("deflate, gzip").  Static storage.
 */
const char	*decode_accept_encoding(void);

/*
 * A decoder for a response's Content-Encoding value (NULL or "" : the
 * body passes through unchanged, still counted against the limit).
 * limit is the most decoded bytes the callback may get, 0 for no
 * limit.  DECODE_TOO_MANY_CODINGS fails now, as curl fails at the
 * header; an unknown coding fails at the first body byte instead, as in
 * curl, so a body-less response with one is fine.  On success *dec is
 * the caller's, to free with decode_free(); on failure it is NULL.
 */
enum decode_err	 decode_new(struct decoder **dec, const char *encoding,
		    uint64_t limit);

/*
 * Decodes the next len bytes of the body and hands what comes out to
 * write(arg, ...).  At the limit the callback gets exactly the bytes up
 * to it, then DECODE_TOO_LARGE.  After any error the decoder only
 * returns that error again.  len 0 does nothing.
 */
enum decode_err	 decode_feed(struct decoder *, const void *in, size_t len,
		    decode_write_fn *write, void *arg);

/*
 * The body has ended: DECODE_OK if every compressed stream ended
 * properly (or no body byte came at all), DECODE_TRUNCATED if one
 * stopped early, or the error met before.
 */
enum decode_err	 decode_finish(struct decoder *);

/* Decoded bytes given to the callback so far. */
uint64_t	 decode_total(const struct decoder *);

/* The message of a result, curl's words; never NULL. */
const char	*decode_strerror(enum decode_err);

/*
 * The one-line message curl prints for err, with what only the decoder
 * knows: zlib's reason ("Error while processing content unencoding:
 * invalid distance too far back") or the codings this build has
 * ("Unrecognized content encoding type. httpc understands deflate,
 * gzip content encodings.").  dec may be NULL.  Always NUL terminates
 * buf (size > 0); returns buf.
 */
const char	*decode_message(const struct decoder *dec, enum decode_err err,
		    char *buf, size_t size);

/* curl's exit code for a result (0 for DECODE_OK). */
int		 decode_exitcode(enum decode_err);

/* NULL is fine. */
void		 decode_free(struct decoder *);

#endif /* DECODE_H */
