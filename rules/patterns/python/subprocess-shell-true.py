import logging
import shlex
import subprocess
from subprocess import Popen, check_output

log = logging.getLogger(__name__)
BACKUP_CMD = "tar czf /var/backups/site.tgz /srv/site"


def archive_upload(upload_dir, archive_name):
    # ruleid: patterns.python.subprocess-shell-true
    subprocess.run(f"tar czf {archive_name} -C {upload_dir} .", shell=True, check=True)


def git_log(repo_path, ref):
    cmd = "git -C " + repo_path + " log --oneline " + ref
    # ruleid: patterns.python.subprocess-shell-true
    return check_output(cmd, shell=True, text=True)


def convert(src, dst):
    # ruleid: patterns.python.subprocess-shell-true
    proc = Popen("convert %s -resize 50%% %s" % (src, dst), shell=True, stdout=subprocess.PIPE)
    return proc.communicate()


def disk_usage(path):
    # ruleid: patterns.python.subprocess-shell-true
    return subprocess.getoutput("du -sh {}".format(path))


def ping(host):
    # ruleid: patterns.python.subprocess-shell-true
    return subprocess.call(args="ping -c 1 " + host, shell=True)


def safe_archive(upload_dir, archive_name):
    # ok: patterns.python.subprocess-shell-true
    subprocess.run(["tar", "czf", archive_name, "-C", upload_dir, "."], check=True)


def nightly_backup():
    # ok: patterns.python.subprocess-shell-true
    subprocess.run(BACKUP_CMD, shell=True, check=True)


def list_processes():
    # ok: patterns.python.subprocess-shell-true
    out = subprocess.check_output("ps aux | grep -c python", shell=True, text=True)
    log.info("python processes: %s", out.strip())


def quoted_git_log(repo_path, ref):
    # ok: patterns.python.subprocess-shell-true
    return check_output(["git", "-C", repo_path, "log", "--oneline", ref], text=True)


def hostname():
    # ok: patterns.python.subprocess-shell-true
    return subprocess.getoutput("hostname -f")
