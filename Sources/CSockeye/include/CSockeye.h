#ifndef CSOCKEYE_H
#define CSOCKEYE_H

// What Glibc's Swift module does not expose: epoll (sys/epoll.h is not in the module),
// eventfd, and accept4 (declared only with _GNU_SOURCE).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

int csockeye_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

static const int csockeye_epollexclusive = EPOLLEXCLUSIVE;

#endif
