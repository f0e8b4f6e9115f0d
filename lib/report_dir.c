/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The directory a report goes into (report_dir.h): pages are written into a
 * new directory beside the target, which then takes the target's place, so
 * that the target is never left half overwritten.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "report_dir.h"

/* The file that marks a directory as a report, so that it may be replaced. */
#define MARKER ".opvang-report"

/* A path into `buf`; -1 when it does not fit (dir names are checked to leave room). */
static int path_of(char *buf, size_t size, const char *fmt, ...) OPV_PRINTF(3, 4);

static int path_of(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int write_bytes(const char *dir, const char *sub, const char *name, const char *text,
                       size_t len, opv_error *err)
{
	char path[4096];
	FILE *f;
	int ok;
	if (path_of(path, sizeof path, "%s%s%s/%s", dir, sub[0] ? "/" : "", sub, name) != 0)
		return opv__fail(err, OPV_EIO, "the path of %s in %s is too long", name, dir);
	f = fopen(path, "wb");
	if (!f)
		return opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	ok = fwrite(text, 1, len, f) == len;
	ok &= fclose(f) == 0;
	if (!ok)
		return opv__fail(err, OPV_EIO, "cannot write %s: %s", path, strerror(errno));
	return OPV_OK;
}

/* Removes a report directory: only the files a report holds. */
static void remove_report(const char *dir)
{
	static const char *const subs[] = { "provinces", "municipalities" };
	char path[4096];
	size_t s;
	for (s = 0; s < 2; s++) {
		DIR *d;
		struct dirent *e;
		path_of(path, sizeof path, "%s/%s", dir, subs[s]);
		d = opendir(path);
		while (d && (e = readdir(d)) != NULL) {
			char file[4096 + 256];
			size_t len = strlen(e->d_name);
			if (len > 5 && strcmp(e->d_name + len - 5, ".html") == 0) {
				path_of(file, sizeof file, "%s/%s", path, e->d_name);
				unlink(file);
			}
		}
		if (d)
			closedir(d);
		rmdir(path);
	}
	path_of(path, sizeof path, "%s/index.html", dir);
	unlink(path);
	path_of(path, sizeof path, "%s/" MARKER, dir);
	unlink(path);
	rmdir(dir);
}

/* Whether `name` in `sub` ("" for the top) is a file that a report writes. */
static int report_file(const char *sub, const char *name, int is_dir)
{
	size_t len = strlen(name);
	if (!sub[0])
		return is_dir ? strcmp(name, "provinces") == 0 || strcmp(name, "municipalities") == 0
		              : strcmp(name, "index.html") == 0 || strcmp(name, MARKER) == 0;
	return !is_dir && len > 5 && strcmp(name + len - 5, ".html") == 0;
}

/*
 * Whether the directory `path` (`sub` within a report) holds only what a
 * report writes.  Fills `found` with the first other entry, and counts the
 * entries and whether the marker is there.
 */
static int only_report_files(const char *path, const char *sub, char *found, size_t size,
                             int *entries, int *marked, opv_error *err)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = OPV_OK;
	if (!d)
		return opv__fail(err, OPV_EIO, "cannot read %s: %s", path, strerror(errno));
	while (!found[0] && (e = readdir(d)) != NULL) {
		char entry[4096 + 256];
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		(*entries)++;
		if (path_of(entry, sizeof entry, "%s/%s", path, e->d_name) != 0 || lstat(entry, &st) != 0
		    || !report_file(sub, e->d_name, S_ISDIR(st.st_mode))
		    || !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
			snprintf(found, size, "%s%s%s", sub, sub[0] ? "/" : "", e->d_name);
			break;
		}
		if (!sub[0] && strcmp(e->d_name, MARKER) == 0)
			*marked = 1;
		if (S_ISDIR(st.st_mode))
			rc = only_report_files(entry, e->d_name, found, size, entries, marked, err);
		if (rc)
			break;
	}
	closedir(d);
	return rc;
}

/*
 * 0 when `dir` may receive a report: absent, empty, or an earlier report that
 * holds nothing but what a report writes (which is then replaced).  A symbolic
 * link is refused: replacing it would replace the link, not the directory.
 */
static int check_target(const char *dir, int *exists, opv_error *err)
{
	struct stat st;
	char found[512] = "";
	int entries = 0, marked = 0, rc;
	*exists = 0;
	if (lstat(dir, &st) != 0) {
		if (errno == ENOENT)
			return OPV_OK;
		return opv__fail(err, OPV_EIO, "cannot use %s: %s", dir, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return opv__fail(err, OPV_EINVAL, "%s is a symbolic link; give the directory itself", dir);
	if (!S_ISDIR(st.st_mode))
		return opv__fail(err, OPV_EINVAL, "%s exists and is not a directory", dir);
	*exists = 1;
	rc = only_report_files(dir, "", found, sizeof found, &entries, &marked, err);
	if (rc)
		return rc;
	if (found[0])
		return opv__fail(err, OPV_EINVAL, "%s holds %s, which is not part of an opvang report; "
		                 "give a new or empty directory, or an earlier report", dir, found);
	if (entries > 0 && !marked)
		return opv__fail(err, OPV_EINVAL, "%s is not an opvang report; give a new or empty "
		                 "directory, or an earlier report", dir);
	return OPV_OK;
}

static int make_dirs(const char *tmp, opv_error *err)
{
	static const char *const subs[] = { "provinces", "municipalities" };
	char path[4096];
	size_t s;
	for (s = 0; s < 2; s++) {
		if (path_of(path, sizeof path, "%s/%s", tmp, subs[s]) != 0 || mkdir(path, 0777) != 0)
			return opv__fail(err, OPV_EIO, "cannot make %s: %s", path, strerror(errno));
	}
	return OPV_OK;
}

int opv__report_dir_open(struct opv__report_dir *d, const char *dir, opv_error *err)
{
	size_t len = strlen(dir);
	int rc;
	if (len > 3000)
		return opv__fail(err, OPV_EINVAL, "the directory name is longer than 3000 bytes");
	/* "report/" names the same directory as "report"; the renames need the latter. */
	while (len > 1 && dir[len - 1] == '/')
		len--;
	memcpy(d->dir, dir, len);
	d->dir[len] = '\0';
	rc = check_target(d->dir, &d->exists, err);
	if (rc)
		return rc;
	/* Beside the target, so that the renames stay on one file system. */
	if (path_of(d->tmp, sizeof d->tmp, "%s.new-XXXXXX", d->dir) != 0 || !mkdtemp(d->tmp))
		return opv__fail(err, OPV_EIO, "cannot make a directory beside %s: %s", d->dir,
		                 strerror(errno));
	rc = make_dirs(d->tmp, err);
	if (rc)
		remove_report(d->tmp);
	return rc;
}

int opv__report_dir_write(const struct opv__report_dir *d, const char *sub, const char *name,
                          const char *text, size_t len, opv_error *err)
{
	return write_bytes(d->tmp, sub, name, text, len, err);
}

void opv__report_dir_abandon(struct opv__report_dir *d)
{
	remove_report(d->tmp);
}

int opv__report_dir_publish(struct opv__report_dir *d, opv_error *err)
{
	char old[4096];
	struct stat st;
	int rc = write_bytes(d->tmp, "", MARKER, "opvang report\n", 14, err);
	/* mkdtemp makes the directory for its owner alone; a report is to be
	 * read, so it takes the mode its subdirectories got under the umask. */
	if (!rc && (path_of(old, sizeof old, "%s/provinces", d->tmp) != 0 || stat(old, &st) != 0
	            || chmod(d->tmp, st.st_mode & 07777) != 0))
		rc = opv__fail(err, OPV_EIO, "cannot open %s to its readers: %s", d->tmp,
		               strerror(errno));
	if (!rc && d->exists) {
		if (path_of(old, sizeof old, "%s.old-XXXXXX", d->dir) != 0 || !mkdtemp(old)
		    || rmdir(old) != 0 || rename(d->dir, old) != 0)
			rc = opv__fail(err, OPV_EIO, "cannot move %s aside: %s", d->dir, strerror(errno));
	}
	if (!rc && rename(d->tmp, d->dir) != 0) {
		rc = opv__fail(err, OPV_EIO, "cannot put the report in %s: %s", d->dir, strerror(errno));
		if (d->exists)
			rename(old, d->dir);  /* put the earlier report back */
	}
	if (rc) {
		remove_report(d->tmp);
		return rc;
	}
	if (d->exists)
		remove_report(old);
	return OPV_OK;
}
