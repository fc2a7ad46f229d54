/* capctl.h: the capture thread, and the requests other threads may make of it */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CAPCTL_H
#define PKTCAP_CAPCTL_H

#include <pcap/pcap.h>
#include <stdint.h>

#include "capture/capture.h"
#include "conf.h"

struct daemon;
struct ring;

/*
 * One capture thread ("capture") owns every ring's pcap handle, the
 * buffer being filled, flush timers, link events and the shutdown drain.
 * It never runs a control request: the calls below queue a request that
 * it runs between two dispatches, and are safe from any other thread.
 * Called from the capture thread itself they would wait on it: don't.
 */

/* Starts the thread on the rings of d, watching link events on linkfd (-1: polls). */
int capture_start(struct daemon *d, int linkfd);
/*
 * Stops the thread: it reads what the kernel still holds (two block
 * timeouts), closes every ring's file and hands the last buffers to the
 * writers, then exits. The writers are still running.
 */
void capture_stop(void);
/* CLOCK_MONOTONIC microseconds of the capture loop's last turn; 0 before it starts. */
uint64_t capture_heartbeat(void);


/*
 * Asks the capture thread for a fresh sample of r (pcap_stats reads and
 * resets kernel counters: only that thread may call it) and waits at most
 * CAPTURE_SNAPSHOT_MS; then, or if capture is not running, gives the last
 * published sample (at most one flush interval old). Returns 0 with a
 * fresh sample, 1 with an older one.
 */
#define CAPTURE_SNAPSHOT_MS 50
/* A sample younger than this counts as fresh: 5 ms of traffic is not worth a wait. */
#define CAPTURE_FRESH_USEC 5000
int capture_snapshot(struct ring *r, struct ring_snapshot *s);

/*
 * Closes r's current file, as ring_close_file does, and hands the close to
 * the writer at once; returns without waiting (0 queued, -1 when capture is
 * not running).
 */
int capture_rotate(struct ring *r);
/*
 * The same, then waits (on the writer's close event, no polling) until the
 * writer has closed and sealed that file and any closed before it. With
 * until_ns (realtime, ns), the close waits until the capture thread has
 * read every packet the kernel stamped up to until_ns (while the writer is
 * behind they wait in the kernel's buffer), so they are in that file or
 * before it; for an until_ns moments ago the caller sleeps up to 250 ms
 * first. Returns 1 when a file was closed, 0 when none was open, -1 with
 * errno EAGAIN (no free buffer to carry the close: the writer is behind),
 * ETIMEDOUT or ESRCH (capture is not running).
 */
int capture_rotate_wait(struct ring *r, int64_t until_ns, int timeout_ms);

/*
 * Hands a reload's settings of r (rotation, retention, compression, flush,
 * filter text) and its compiled filter to the capture thread, which sets
 * the filter and swaps the settings there; waits for it (about a second at
 * most). prog is taken over (freed) in every case. Returns 0, or -1 when
 * the filter could not be set (the settings apply all the same).
 */
int capture_apply(struct ring *r, const struct profile_conf *pc, struct bpf_program *prog);

/*
 * Compiles FILTER for the link type of r's files, on the calling thread
 * (never the capture thread's handle), for reload; the reason for a
 * failure goes to err. Opened while privileged by capture_compiler_open.
 */
int capture_compile_for(struct ring *r, const char *filter, struct bpf_program *prog, char *err,
			size_t errlen);
/* A parked live handle whose code generation matches the rings' (VLAN offload); needs root. */
void capture_compiler_open(void);
void capture_compiler_close(void);

#endif
