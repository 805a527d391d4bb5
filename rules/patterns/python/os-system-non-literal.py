import os
import sys


def open_in_editor(path):
    editor = os.environ.get("EDITOR", "vi")
    # ruleid: patterns.python.os-system-non-literal
    os.system(f"{editor} {path}")


def restart_service(name):
    # ruleid: patterns.python.os-system-non-literal
    status = os.system("systemctl restart " + name)
    if status != 0:
        sys.exit(status)


def send_mail(recipient, subject):
    # ruleid: patterns.python.os-system-non-literal
    os.system("mail -s '%s' %s < /tmp/report.txt" % (subject, recipient))


def clear_screen():
    # ok: patterns.python.os-system-non-literal
    os.system("clear")


def reload_nginx():
    # ok: patterns.python.os-system-non-literal
    return os.system("nginx -s reload") == 0
