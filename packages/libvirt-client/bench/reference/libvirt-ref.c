/*
 * libvirt-ref: the C reference of the libvirt-client benchmark. Measures what libvirt's own
 * client library (libvirt.so) does on the same daemon and URI as the TypeScript client.
 * Compiled by bench/run.ts at bench time:
 *   gcc -O2 -pthread -o <tmp>/libvirt-ref libvirt-ref.c $(pkg-config --cflags --libs libvirt)
 *
 * Usage (one JSON line on stdout with the wall time "ns" and the process CPU time "cpuNs" of the
 * timed part; the connection is opened and warmed up before timing):
 *   libvirt-ref URI latency N           N sequential virConnectGetLibVersion
 *   libvirt-ref URI throughput K N      N calls of virConnectGetLibVersion spread over K threads
 *                                       sharing one virConnectPtr
 *   libvirt-ref URI list K              virConnectListAllDomains, then virDomainGetXMLDesc of each
 *                                       domain: K=1 in the caller's thread, K>1 in K threads
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const int WARMUP_CALLS = 200;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* CPU time of the whole process (every thread), user + system. */
static double cpu_ns(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ((double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec) * 1e9 +
           ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) * 1e3;
}

static void die(const char *what)
{
    virErrorPtr e = virGetLastError();
    fprintf(stderr, "libvirt-ref: %s failed: %s\n", what, e && e->message ? e->message : "unknown error");
    exit(1);
}

static void lib_version(virConnectPtr conn)
{
    unsigned long v;
    if (virConnectGetLibVersion(conn, &v) < 0)
        die("virConnectGetLibVersion");
}

struct worker {
    pthread_t tid;
    virConnectPtr conn;
    long calls;
    /* list mode */
    virDomainPtr *doms;
    int ndoms;
    int *next;
    size_t xml_bytes;
};

static void *call_loop(void *arg)
{
    struct worker *w = arg;
    for (long i = 0; i < w->calls; i++)
        lib_version(w->conn);
    return NULL;
}

static void *xml_loop(void *arg)
{
    struct worker *w = arg;
    for (;;) {
        int i = __atomic_fetch_add(w->next, 1, __ATOMIC_RELAXED);
        if (i >= w->ndoms)
            break;
        char *xml = virDomainGetXMLDesc(w->doms[i], 0);
        if (!xml)
            die("virDomainGetXMLDesc");
        w->xml_bytes += strlen(xml);
        free(xml);
    }
    return NULL;
}

static void run_threads(int k, struct worker *ws, void *(*fn)(void *))
{
    for (int t = 0; t < k; t++)
        if (pthread_create(&ws[t].tid, NULL, fn, &ws[t]) != 0) {
            fprintf(stderr, "libvirt-ref: pthread_create failed\n");
            exit(1);
        }
    for (int t = 0; t < k; t++)
        pthread_join(ws[t].tid, NULL);
}

static void mode_latency(virConnectPtr conn, long n)
{
    for (int i = 0; i < WARMUP_CALLS; i++)
        lib_version(conn);
    double c0 = cpu_ns(), t0 = now_ns();
    for (long i = 0; i < n; i++)
        lib_version(conn);
    double t1 = now_ns(), c1 = cpu_ns();
    printf("{\"mode\":\"latency\",\"calls\":%ld,\"ns\":%.0f,\"cpuNs\":%.0f}\n", n, t1 - t0, c1 - c0);
}

static void mode_throughput(virConnectPtr conn, int k, long n)
{
    struct worker *ws = calloc(k, sizeof *ws);
    for (int t = 0; t < k; t++) {
        ws[t].conn = conn;
        ws[t].calls = WARMUP_CALLS / k + 1;
    }
    run_threads(k, ws, call_loop); /* warm-up: threads started, connection busy */
    for (int t = 0; t < k; t++)
        ws[t].calls = n / k + (t < n % k ? 1 : 0);
    double c0 = cpu_ns(), t0 = now_ns();
    run_threads(k, ws, call_loop);
    double t1 = now_ns(), c1 = cpu_ns();
    printf("{\"mode\":\"throughput\",\"threads\":%d,\"calls\":%ld,\"ns\":%.0f,\"cpuNs\":%.0f}\n", k, n, t1 - t0, c1 - c0);
    free(ws);
}

static void mode_list(virConnectPtr conn, int k)
{
    for (int i = 0; i < WARMUP_CALLS; i++)
        lib_version(conn);
    double c0 = cpu_ns(), t0 = now_ns();
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);
    if (n < 0)
        die("virConnectListAllDomains");
    size_t xml_bytes = 0;
    if (k <= 1) {
        for (int i = 0; i < n; i++) {
            char *xml = virDomainGetXMLDesc(doms[i], 0);
            if (!xml)
                die("virDomainGetXMLDesc");
            xml_bytes += strlen(xml);
            free(xml);
        }
    } else {
        struct worker *ws = calloc(k, sizeof *ws);
        int next = 0;
        for (int t = 0; t < k; t++) {
            ws[t].conn = conn;
            ws[t].doms = doms;
            ws[t].ndoms = n;
            ws[t].next = &next;
        }
        run_threads(k, ws, xml_loop);
        for (int t = 0; t < k; t++)
            xml_bytes += ws[t].xml_bytes;
        free(ws);
    }
    double t1 = now_ns(), c1 = cpu_ns();
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    printf("{\"mode\":\"list\",\"threads\":%d,\"domains\":%d,\"xmlBytes\":%zu,\"ns\":%.0f,\"cpuNs\":%.0f}\n", k, n, xml_bytes,
           t1 - t0, c1 - c0);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s URI latency N | throughput K N | list K\n", argv[0]);
        return 2;
    }
    const char *uri = argv[1];
    const char *mode = argv[2];
    if (virInitialize() < 0)
        die("virInitialize");
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn)
        die("virConnectOpen");
    if (strcmp(mode, "latency") == 0 && argc == 4) {
        mode_latency(conn, atol(argv[3]));
    } else if (strcmp(mode, "throughput") == 0 && argc == 5) {
        mode_throughput(conn, atoi(argv[3]), atol(argv[4]));
    } else if (strcmp(mode, "list") == 0 && argc == 4) {
        mode_list(conn, atoi(argv[3]));
    } else {
        fprintf(stderr, "libvirt-ref: bad arguments\n");
        return 2;
    }
    fflush(stdout);
    virConnectClose(conn);
    return 0;
}
