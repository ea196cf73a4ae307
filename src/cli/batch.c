/* --threads N: documents analysed in parallel, answers in input order.
 *
 * The command's own reading loop (the main thread) queues jobs; N worker
 * threads do them on the one shared model, each into memory of its own; a
 * writer thread writes each job's output as soon as it and every job before
 * it are done, and flushes after each, so a stream is still answered record
 * by record. The jobs in flight live in a ring of 2N slots: the reader waits
 * while it is full, so memory is bounded by the documents in flight, never
 * by the input. When the output is gone (`| head`), the writer stops
 * everything: the reader's next cli_batch_add returns -1.
 *
 * With one thread there is no queue and no thread: cli_batch_add does the
 * job and writes it to stdout at once, as the commands always did. Both
 * paths run the same job function, so their output is the same bytes. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#ifdef __GLIBC__   /* (defined by the libc headers above) */
#include <malloc.h>
#endif

/* One job in the ring and, once done, its output. */
typedef struct slot {
    cli_job job;
    char *out, *err;        /* what goes to stdout and stderr (memory streams) */
    size_t outlen, errlen;
    int rc;                 /* the job function's result */
    int done;
} slot;

struct cli_batch {
    cli_job_fn fn;
    void *ctx;
    const char *sep;        /* written between non-empty outputs (JSON array) */
    int threads;            /* 1: no threads, jobs done in cli_batch_add */
    size_t cap;             /* ring slots, 2 * threads */
    slot *ring;
    /* Jobs are numbered in input order; job i lives in ring[i % cap].
     * head <= claim <= tail: [head, claim) taken by workers or done,
     * [claim, tail) waiting for a worker. */
    size_t head, claim, tail;
    int closing;            /* the reader has queued its last job */
    int stop;               /* the output is gone: stop everything */
    int failed;             /* a job or message failed (exit status 1) */
    int wrote;              /* something was written (for sep) */
    pthread_mutex_t mu;
    pthread_cond_t work;    /* a job to claim, or closing/stop */
    pthread_cond_t ready;   /* a job done, or closing/stop */
    pthread_cond_t space;   /* a slot free, or stop */
    pthread_t writer;
    pthread_t *workers;
    int nworkers;
    char *msg;              /* cli_batch_msg_begin's stream */
    size_t msglen;
};

/* Kind of the jobs that carry a message of the reader (cli_batch_msg_end). */
#define JOB_MESSAGE (-1)

/* Do one job into memory: its output in s->out / s->err. */
static void run_job(cli_batch *b, slot *s)
{
    FILE *out = open_memstream(&s->out, &s->outlen);
    FILE *err = open_memstream(&s->err, &s->errlen);
    if (!out || !err) {
        if (out) fclose(out);
        if (err) fclose(err);
        free(s->out);
        free(s->err);
        s->out = s->err = NULL;
        s->outlen = s->errlen = 0;
        s->rc = -1;         /* no memory: the writer says so */
    } else if (s->job.kind == JOB_MESSAGE) {
        if (s->job.len) fwrite(s->job.text, 1, s->job.len, err);
        s->rc = 1;
        fclose(out);
        fclose(err);
    } else {
        s->rc = b->fn(b->ctx, &s->job, out, err) != 0;
        fclose(out);
        fclose(err);
    }
    /* the input is not needed any more: free it before the output waits */
    free(s->job.text);
    s->job.text = NULL;
}

/* Write a done job (in input order) and free its output. 0, or -1 when the
 * output is gone. Only one thread writes at any time. */
static int emit(cli_batch *b, slot *s)
{
    if (s->rc == -1) fputs("coref: out of memory\n", stderr);
    if (s->rc) b->failed = 1;
    if (s->outlen) {
        if (b->sep && b->wrote) fputs(b->sep, stdout);
        b->wrote = 1;
        fwrite(s->out, 1, s->outlen, stdout);
    }
    if (s->errlen) fwrite(s->err, 1, s->errlen, stderr);
    free(s->out);
    free(s->err);
    s->out = s->err = NULL;
    return cli_flush_output();
}

static void *worker_main(void *arg)
{
    cli_batch *b = arg;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (!b->stop && !b->closing && b->claim == b->tail) pthread_cond_wait(&b->work, &b->mu);
        if (b->stop || b->claim == b->tail) break;
        slot *s = &b->ring[b->claim++ % b->cap];
        pthread_mutex_unlock(&b->mu);
        run_job(b, s);
        pthread_mutex_lock(&b->mu);
        s->done = 1;
        pthread_cond_signal(&b->ready);
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

static void *writer_main(void *arg)
{
    cli_batch *b = arg;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (!b->stop && !(b->head < b->tail && b->ring[b->head % b->cap].done) && !(b->closing && b->head == b->tail))
            pthread_cond_wait(&b->ready, &b->mu);
        if (b->stop || b->head == b->tail) break;
        slot *s = &b->ring[b->head % b->cap];
        /* the slot stays taken (head not advanced) while it is written */
        pthread_mutex_unlock(&b->mu);
        int gone = emit(b, s) != 0;
        pthread_mutex_lock(&b->mu);
        s->done = 0;
        b->head++;
        pthread_cond_signal(&b->space);
        if (gone) {
            b->stop = 1;
            pthread_cond_broadcast(&b->work);
            pthread_cond_broadcast(&b->space);
        }
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

/* Wake every thread for the end (closing) or a stop, and wait for them. */
static void join_all(cli_batch *b)
{
    pthread_mutex_lock(&b->mu);
    b->closing = 1;
    pthread_cond_broadcast(&b->work);
    pthread_cond_broadcast(&b->ready);
    pthread_mutex_unlock(&b->mu);
    for (int i = 0; i < b->nworkers; i++) pthread_join(b->workers[i], NULL);
    b->nworkers = 0;
    /* the writer can only finish once the workers have done every job */
    if (b->threads > 1) pthread_join(b->writer, NULL);
}

cli_batch *cli_batch_start(int threads, cli_job_fn fn, void *ctx, const char *sep)
{
    cli_batch *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->fn = fn;
    b->ctx = ctx;
    b->sep = sep;
    b->threads = 1;
    if (threads <= 1) return b;
    b->cap = 2 * (size_t)threads;
    b->ring = calloc(b->cap, sizeof *b->ring);
    b->workers = calloc((size_t)threads, sizeof *b->workers);
    if (!b->ring || !b->workers) goto single;
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->work, NULL);
    pthread_cond_init(&b->ready, NULL);
    pthread_cond_init(&b->space, NULL);
    /* Threads that cannot be started are done without: fewer workers, or
     * none and the single-threaded path. */
    for (int i = 0; i < threads; i++)
        if (pthread_create(&b->workers[b->nworkers], NULL, worker_main, b) == 0) b->nworkers++;
    if (b->nworkers > 0 && pthread_create(&b->writer, NULL, writer_main, b) == 0) {
        b->threads = threads;
#ifdef __GLIBC__
        /* Every job's output waits in memory until it is written, then is
         * freed: keep freed memory for the next jobs instead of giving it
         * back to the system and faulting it in again (still bounded by
         * the jobs in flight). On the bench's 1,388 records: sys time
         * 0.10 -> 0.05 s, wall 7% less with 2 threads. */
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
        return b;
    }
    join_all(b);
    pthread_cond_destroy(&b->work);
    pthread_cond_destroy(&b->ready);
    pthread_cond_destroy(&b->space);
    pthread_mutex_destroy(&b->mu);
single:
    free(b->ring);
    free(b->workers);
    b->ring = NULL;
    b->workers = NULL;
    b->cap = 0;
    return b;
}

/* The single-threaded path: do the job now, write it, flush. */
static int add_now(cli_batch *b, const cli_job *job)
{
    if (b->stop) {
        free(job->text);
        return -1;
    }
    int gone;
    if (b->sep || job->kind == JOB_MESSAGE) {
        /* whether a separator goes first depends on the output: build it
         * in memory first (one document at a time) */
        slot s;
        memset(&s, 0, sizeof s);
        s.job = *job;
        run_job(b, &s);
        gone = emit(b, &s) != 0;
    } else {
        if (b->fn(b->ctx, job, stdout, stderr) != 0) b->failed = 1;
        free(job->text);
        gone = cli_flush_output() != 0;
    }
    if (gone) b->stop = 1;
    return gone ? -1 : 0;
}

int cli_batch_add(cli_batch *b, int kind, char *text, size_t len, const char *name, size_t lineno)
{
    cli_job job = {kind, text, len, name, lineno};
    if (b->threads == 1) return add_now(b, &job);
    pthread_mutex_lock(&b->mu);
    while (!b->stop && b->tail - b->head == b->cap) pthread_cond_wait(&b->space, &b->mu);
    int stopped = b->stop;
    if (!stopped) {
        slot *s = &b->ring[b->tail % b->cap];
        memset(s, 0, sizeof *s);
        s->job = job;
        b->tail++;
        pthread_cond_signal(&b->work);
    }
    pthread_mutex_unlock(&b->mu);
    if (stopped) free(text);
    return stopped ? -1 : 0;
}

FILE *cli_batch_msg_begin(cli_batch *b)
{
    b->msg = NULL;
    b->msglen = 0;
    FILE *f = open_memstream(&b->msg, &b->msglen);
    return f ? f : stderr;
}

int cli_batch_msg_end(cli_batch *b, FILE *f)
{
    /* no memory for the message: it went out at once, out of order; an
     * empty message job still fails the run */
    if (f == stderr) return cli_batch_add(b, JOB_MESSAGE, NULL, 0, NULL, 0);
    fclose(f);
    char *msg = b->msg;
    size_t n = b->msglen;
    b->msg = NULL;
    if (n == 0) {
        free(msg);
        return 0;
    }
    return cli_batch_add(b, JOB_MESSAGE, msg, n, NULL, 0);
}

int cli_batch_finish(cli_batch *b)
{
    if (!b) {
        fputs("coref: out of memory\n", stderr);
        return 1;
    }
    if (b->threads > 1) {
        join_all(b);
        /* after a stop: the jobs nobody wrote */
        for (size_t i = b->head; i < b->tail; i++) {
            slot *s = &b->ring[i % b->cap];
            free(s->job.text);
            free(s->out);
            free(s->err);
        }
        pthread_cond_destroy(&b->work);
        pthread_cond_destroy(&b->ready);
        pthread_cond_destroy(&b->space);
        pthread_mutex_destroy(&b->mu);
    }
    int rc = b->stop ? -1 : b->failed;
    free(b->ring);
    free(b->workers);
    free(b);
    return rc;
}
