"""The admin: the systemadministratör keeps the organisation; policy versions are read-only."""


def test_the_sysadmin_manages_users_and_units_in_the_admin(sysadmin, client_as):
    c = client_as(sysadmin)
    assert c.get("/admin/policy/user/").status_code == 200
    assert c.get("/admin/policy/enhet/add/").status_code == 200
    assert c.get("/admin/policy/organ/").status_code == 200


def test_policy_versions_are_read_only_even_for_a_superuser(db, client_as, v1):
    from policy.models import User

    root = User.objects.create_superuser("root", "root@test.koping.se", "x-Lösen-123")
    c = client_as(root)
    assert c.get(f"/admin/policy/policyversion/{v1.pk}/change/").status_code == 200
    assert c.get("/admin/policy/policyversion/add/").status_code == 403
    assert (
        c.post(f"/admin/policy/policyversion/{v1.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    v1.refresh_from_db()
    assert v1.status == "faststalld"


def test_other_roles_do_not_reach_the_admin(medarbetare, client_as):
    resp = client_as(medarbetare).get("/admin/policy/user/")
    assert resp.status_code == 302 and "/admin/login/" in resp["Location"]
