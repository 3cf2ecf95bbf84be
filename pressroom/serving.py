"""``python -m pressroom.serving URL``: wait until the server at URL answers, then say so.

``make run`` starts gunicorn and prints the site's address only when a request
to it gets an answer, so the address printed is one that works.
"""

import sys
import time
import urllib.error
import urllib.request


def wait_until_answering(url, timeout=120.0, interval=0.1):
    """True once a GET of ``url`` gets any HTTP answer, False after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=30).close()
            return True
        except urllib.error.HTTPError:  # an answer, if not a 200
            return True
        except OSError:  # not listening yet
            time.sleep(interval)
    return False


def main(argv=None):
    url, *message = argv if argv is not None else sys.argv[1:]
    if not wait_until_answering(url):
        print(f"The server did not answer at {url}.", file=sys.stderr)
        return 1
    print("\n".join(message))
    return 0


if __name__ == "__main__":
    sys.exit(main())
