"""Varnish for the project's own runs (make test-cluster, make bench): the deployed
VCL as it is, and a backends.vcl written from the deployed one for loopback app servers."""

import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def write_backends_vcl(folder, ports):
    """``folder/backends.vcl``: the deployed probe and backend settings, one backend per port."""
    deployed = (DEPLOY / "varnish" / "backends.vcl").read_text()
    probe = re.search(r"probe pressroom_health \{.*?\n\}", deployed, re.S).group(0)
    template = re.search(r"backend app1 \{.*?\n\}", deployed, re.S).group(0)
    backends = []
    for n, port in enumerate(ports, 1):
        block = template.replace("backend app1", f"backend app{n}")
        block = re.sub(r'\.host = "[^"]*"', '.host = "127.0.0.1"', block)
        block = re.sub(r'\.port = "[^"]*"', f'.port = "{port}"', block)
        block = re.sub(r'\.host_header = "[^"]*"', '.host_header = "127.0.0.1"', block)
        backends.append(block)
    adds = "\n".join(f"    app.add_backend(app{n});" for n in range(1, len(ports) + 1))
    text = "\n\n".join([probe, *backends, f"sub pressroom_init {{\n    new app = directors.round_robin();\n{adds}\n}}\n"])
    (Path(folder) / "backends.vcl").write_text(text)
