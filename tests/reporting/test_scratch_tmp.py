import datetime, time
from reporting import services
from reporting.models import Publication
from tests.reporting.test_metrics import tiny, OCT  # noqa

def test_smoke(tiny):
    for m in (8, 9, 10):
        t0=time.monotonic()
        p = services.publication_publish(month=datetime.date(2026, m, 1))
        print(m, time.monotonic()-t0, p.data["counts"])
    hidden = [k for k,v in p.cells.items() if v is None]
    print(len(hidden), hidden[:40])
    print([ (k,v) for k,v in p.cells.items() if k.startswith("district|m:") and "|all|" in k][:40])
