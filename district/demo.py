"""Demo district data, written through the services: ROI scores for each school
and spring, a few police deployments, and seed 000's safety staffing table for
the current school year (bin/demo)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from district import services
from district.models import ROI_FEATURES, DeploymentReason, StaffingLocation
from people.models import School, SchoolYear

#: Seed 000, "District Safety Budget, 23-24 School Year" (position, location, FTEs, budget).
SAFETY_BUDGET = [
    (
        "Community Based Safety Pilot (CBSP) Vendor-Provided Support",
        "school_support",
        None,
        14161600,
    ),
    ("School Climate Advocates", "school_site", 338, 31952381),
    ("Restorative Justice Teacher Advisors", "region_district", 2, 312712),
    ("System of Support Advisors (SOSA)", "region_district", 51, 8748515),
    ("Campus Aides/Supervision Aides", "school_site", 1901, 94070638),
    ("Psychiatric Social Workers (PSWs)", "school_site", 751, 120352057),
    ("Sworn Peace Officers", "districtwide", 280, 44485774),
    ("Operations Coordinators", "region_district", 29, 6751415),
    ("Mental Health Coordinators", "region_district", 7, 1562332),
    ("Organizational Facilitators", "region_district", 30, 5412525),
    ("Healthy Start Coordinators", "school_site", 16, 1924608),
    ("Restorative Justice Teachers", "school_site", 120, 16397297),
]
assert {loc for _p, loc, _f, _b in SAFETY_BUDGET} <= set(StaffingLocation.values)


def district_demo_data(*, actor, today: datetime.date, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    schools = list(School.objects.order_by("code"))
    years = [y for y in SchoolYear.objects.order_by("first_day") if y.first_day <= today]
    roi = 0
    for year in years:
        for school in schools:
            low = rng.random() < 0.1
            scores = {
                name: (1 if low and i == 0 else rng.choice((3, 4, 4, 4)))
                for i, (name, _label) in enumerate(ROI_FEATURES)
            }
            services.roi_record(actor=actor, school=school, school_year=year, scores=scores)
            roi += 1
    deployments = 0
    if years:
        year = years[-1]
        for i, school in enumerate(rng.sample(schools, min(len(schools), 8))):
            start = year.first_day + datetime.timedelta(days=14 + 9 * i)
            if start > today:
                break
            services.deployment_record(
                actor=actor,
                school=school,
                starts_on=start,
                ends_on=start + datetime.timedelta(days=2),
                reason=rng.choice(DeploymentReason.values),
                region_staff=True,
                mental_health=rng.random() < 0.8,
                community_resources=rng.random() < 0.5,
            )
            deployments += 1
        for position, location, ftes, budget in SAFETY_BUDGET:
            services.staffing_line_record(
                actor=actor,
                school_year=year,
                position=position,
                location=location,
                ftes=ftes,
                budget=Decimal(budget),
            )
    return {"roi scores": roi, "police deployments": deployments}
