#define _GNU_SOURCE
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "CSockeye.h"

int csockeye_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

long csockeye_read(int fd, void *buffer, unsigned long count) {
    return syscall(SYS_read, fd, buffer, count);
}

long csockeye_send(int fd, const void *buffer, unsigned long count, int flags) {
    return syscall(SYS_sendto, fd, buffer, count, flags, NULL, 0);
}

// epoll_pwait with no signal mask is epoll_wait, and exists on every architecture. The last
// argument is the kernel's signal set size, not glibc's sigset_t.
int csockeye_epoll_wait(int epoll, struct epoll_event *events, int capacity, int timeout) {
    return (int)syscall(SYS_epoll_pwait, epoll, events, capacity, timeout, NULL, _NSIG / 8);
}
