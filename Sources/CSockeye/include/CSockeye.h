#ifndef CSOCKEYE_H
#define CSOCKEYE_H

// What Glibc's Swift module does not expose: epoll (sys/epoll.h is not in the module),
// eventfd, and accept4 (declared only with _GNU_SOURCE).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

int csockeye_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

// read, send and epoll_wait as direct system calls. glibc's wrappers are pthread cancellation
// points, which bracket every call with two more; nothing in this process uses cancellation.
// Same results and errno as the wrappers.
long csockeye_read(int fd, void *buffer, unsigned long count);
long csockeye_send(int fd, const void *buffer, unsigned long count, int flags);
int csockeye_epoll_wait(int epoll, struct epoll_event *events, int capacity, int timeout);

static const int csockeye_epollexclusive = EPOLLEXCLUSIVE;

#endif
